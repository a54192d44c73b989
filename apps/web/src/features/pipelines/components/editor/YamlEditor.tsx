import { CodeEditor, type CodeEditorProps, type CodeLanguage } from '../../../../components/ui/CodeEditor';
import type { JsonSchema } from '../../completion/schema-completion';
import { schemaCompletionSource } from '../../completion/yaml-completion';
import { yamlHighlight } from '../../completion/yaml-language';
import pipelineDefinitionSchema from 'virtual:pipeline-definition-schema';

export type YamlEditorProps = Omit<CodeEditorProps, 'language'>;

// Built once per page load: the schema is fixed (computed from the contract at build time).
const YAML: CodeLanguage = {
  highlight: yamlHighlight,
  complete: schemaCompletionSource(pipelineDefinitionSchema as JsonSchema),
};

/** A code editor for pipeline YAML: highlighting and completion from the definition's JSON Schema. */
export function YamlEditor(props: YamlEditorProps) {
  return <CodeEditor {...props} language={YAML} />;
}
