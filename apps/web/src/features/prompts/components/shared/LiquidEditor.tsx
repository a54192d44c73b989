import { useMemo } from 'react';
import { CodeEditor, type CodeEditorProps, type CodeLanguage } from '../../../../components/ui/CodeEditor';
import { closePercentBrace, liquidCompletions, liquidHighlight } from './liquid-language';

export interface LiquidEditorProps extends Omit<CodeEditorProps, 'language'> {
  /** Declared variable names, offered as completions inside `{{ }}` and tags. */
  variableNames?: readonly string[];
}

/** A code editor for Liquid templates: highlighting plus completion of tags, filters and variables. */
export function LiquidEditor({ variableNames = [], ...props }: LiquidEditorProps) {
  const namesKey = variableNames.join('\n');
  const language = useMemo(
    (): CodeLanguage => ({
      highlight: liquidHighlight,
      afterType: closePercentBrace,
      complete: liquidCompletions(namesKey === '' ? [] : namesKey.split('\n').map((label) => ({ label, type: 'variable' }))),
    }),
    [namesKey],
  );
  return <CodeEditor {...props} language={language} />;
}
