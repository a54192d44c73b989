import { autocompletion } from '@codemirror/autocomplete';
import { CodeEditor, type CodeEditorProps } from '../../../../components/ui/CodeEditor';
import type { JsonSchema } from '../../completion/schema-completion';
import { schemaCompletionSource } from '../../completion/yaml-completion';
import { yamlLanguage } from '../../completion/yaml-language';
import pipelineDefinitionSchema from 'virtual:pipeline-definition-schema';

export type YamlEditorProps = Omit<CodeEditorProps, 'extensions'>;

// Built once per page load: the schema is fixed (computed from the contract at build time), and a new
// extensions value would reconfigure the editor.
const EXTENSIONS = [yamlLanguage, autocompletion({ override: [schemaCompletionSource(pipelineDefinitionSchema as JsonSchema)] })];

/** A CodeMirror editor for pipeline YAML: highlighting and completion from the definition's JSON Schema. */
export function YamlEditor(props: YamlEditorProps) {
  return <CodeEditor {...props} extensions={EXTENSIONS} />;
}
