import { autocompletion } from '@codemirror/autocomplete';
import { useMemo } from 'react';
import { CodeEditor, type CodeEditorProps } from '../../../../components/ui/CodeEditor';
import { closePercentBrace, liquidCompletions, liquidLanguage } from './liquid-language';

export interface LiquidEditorProps extends Omit<CodeEditorProps, 'extensions'> {
  /** Declared variable names, offered as completions inside `{{ }}` and tags. */
  variableNames?: readonly string[];
}

/** A CodeMirror editor for Liquid templates: highlighting plus completion of tags, filters and variables. */
export function LiquidEditor({ variableNames = [], ...props }: LiquidEditorProps) {
  const namesKey = variableNames.join('\n');
  const extensions = useMemo(
    () => [
      liquidLanguage,
      closePercentBrace,
      autocompletion({
        override: [liquidCompletions(namesKey === '' ? [] : namesKey.split('\n').map((label) => ({ label, type: 'variable' })))],
      }),
    ],
    [namesKey],
  );
  return <CodeEditor {...props} extensions={extensions} />;
}
