import type { Completion, CompletionSource } from '../../../components/ui/code-editor/completion';
import { suggestionsAt, type JsonSchema } from './schema-completion';
import { stepIdsOf, yamlCursorAt, type YamlCursor } from './yaml-context';

/** Where a step id goes: an item of a step's `needs`, or `fallback:` of its `onError`. */
const takesStepId = (cursor: YamlCursor) =>
  cursor.path[0] === 'steps' &&
  ((cursor.kind === 'item' && cursor.path.length === 3 && cursor.path[2] === 'needs') ||
    (cursor.kind === 'value' && cursor.key === 'fallback'));

/**
 * A completion source for pipeline YAML, driven by the definition's JSON Schema: keys of the
 * mapping under the cursor (a step's fields follow its `type`), and enum or constant values after
 * `key: ` or `- `, and the document's step ids in `needs` and `fallback`. An empty line offers keys only when asked (Ctrl-Space), so Enter never pops a menu.
 */
export function schemaCompletionSource(schema: JsonSchema): CompletionSource {
  return (context) => {
    const cursor = yamlCursorAt(context.text, context.pos);
    if (!cursor) return null;
    if (cursor.kind === 'key' && cursor.prefix === '' && !context.explicit) return null;
    if (takesStepId(cursor)) {
      const own = cursor.path[1];
      const ids = stepIdsOf(context.text).filter((id) => id !== own);
      if (ids.length === 0) return null;
      const options = ids.map((id): Completion => ({ label: id, detail: 'step', type: 'variable' }));
      return { from: context.pos - cursor.prefix.length, options, validFor: /^[\w]*$/ };
    }
    const options = suggestionsAt(schema, cursor).map((suggestion): Completion => ({
      label: suggestion.label,
      detail: suggestion.detail,
      type: suggestion.kind === 'property' ? 'property' : 'enum',
      ...(suggestion.kind === 'property' ? { apply: `${suggestion.label}: ` } : {}),
    }));
    if (options.length === 0) return null;
    return { from: context.pos - cursor.prefix.length, options, validFor: /^[\w.@$-]*$/ };
  };
}
