import { Context, Drop, toValue, type Scope } from 'liquidjs';

/** Names that lead from a value to its class, prototype or the object machinery. */
const FORBIDDEN_KEYS = new Set(['constructor', 'prototype', '__proto__']);

/**
 * The only properties a template may read on LiquidJS's own drops (`forloop`, `tablerowloop`,
 * `empty`, `blank`, `nil`). LiquidJS skips `ownPropertyOnly` for drops and calls any method it finds,
 * so without this list `forloop.next` or `empty.equals` would run drop internals.
 */
const DROP_KEYS = new Set([
  'index',
  'index0',
  'rindex',
  'rindex0',
  'first',
  'last',
  'length',
  'name',
  'row',
  'col',
  'col0',
  'col_first',
  'col_last',
]);

/**
 * A LiquidJS Context that narrows every property read (variables, `a.b`, `a["b"]`, `a[b]`, and the
 * paths used by `map`, `where`, `sort`, `group_by`, …, which all go through `readProperty`):
 * - keys must be strings or numbers; `constructor`, `prototype` and any `__x` key read as nothing;
 * - drops expose only their documented loop properties;
 * - a function is never returned, so nothing a template reaches can be called later.
 * This is defence in depth on top of `ownPropertyOnly` and of variables being copied to plain data.
 */
export class HardenedContext extends Context {
  override readProperty(obj: Scope, key: PropertyKey | Drop): unknown {
    const name: unknown = key instanceof Drop ? toValue(key) : key;
    if (typeof name !== 'string' && typeof name !== 'number') return undefined;
    if (typeof name === 'string' && (FORBIDDEN_KEYS.has(name) || name.startsWith('__'))) return undefined;
    if (obj instanceof Drop && !DROP_KEYS.has(String(name))) return undefined;
    const value: unknown = super.readProperty(obj, name);
    return typeof value === 'function' ? undefined : value;
  }

  /** LiquidJS spawns child contexts for `render` and for filters such as `where`; keep them hardened. */
  override spawn(scope: object = {}): Context {
    return new HardenedContext(
      scope,
      this.opts,
      {
        sync: this.sync,
        globals: this.globals,
        strictVariables: this.strictVariables,
        ownPropertyOnly: this.ownPropertyOnly,
      },
      { renderLimit: this.renderLimit, memoryLimit: this.memoryLimit, liquid: this.liquid },
    );
  }
}
