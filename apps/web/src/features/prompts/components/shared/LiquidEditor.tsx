import { liquid } from '@codemirror/lang-liquid';
import { autocompletion } from '@codemirror/autocomplete';
import { useMemo } from 'react';
import { CodeEditor, type CodeEditorProps } from '../../../../components/ui/CodeEditor';

export interface LiquidEditorProps extends Omit<CodeEditorProps, 'extensions'> {
  /** Declared variable names, offered as completions inside `{{ }}` and tags. */
  variableNames?: readonly string[];
}

/** A CodeMirror editor for Liquid templates: highlighting plus completion of tags, filters and variables. */
export function LiquidEditor({ variableNames = [], ...props }: LiquidEditorProps) {
  const namesKey = variableNames.join('\n');
  const extensions = useMemo(
    () => [
      liquid({
        variables: namesKey === '' ? [] : namesKey.split('\n').map((label) => ({ label, type: 'variable' })),
      }),
      autocompletion(),
    ],
    [namesKey],
  );
  return <CodeEditor {...props} extensions={extensions} />;
}
