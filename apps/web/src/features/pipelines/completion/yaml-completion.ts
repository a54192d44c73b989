import type { Completion, CompletionSource } from '@codemirror/autocomplete';
import { suggestionsAt, type JsonSchema } from './schema-completion';
import { yamlCursorAt } from './yaml-context';

/**
 * A CodeMirror completion source for pipeline YAML, driven by the definition's JSON Schema: keys of the
 * mapping under the cursor (a step's fields follow its `type`), and enum or constant values after
 * `key: ` or `- `. An empty line offers keys only when asked (Ctrl-Space), so Enter never pops a menu.
 */
export function schemaCompletionSource(schema: JsonSchema): CompletionSource {
  return (context) => {
    const cursor = yamlCursorAt(context.state.doc.toString(), context.pos);
    if (!cursor) return null;
    if (cursor.kind === 'key' && cursor.prefix === '' && !context.explicit) return null;
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
