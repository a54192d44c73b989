import type { ComponentType, ReactNode } from 'react';
import type { CodeEditorProps } from './CodeEditor';
import { codeEditorFrameClasses } from './code-editor-frame';
import { CodeLines } from './CodeLines';
import { lazyWidget, type LazyWidget } from './LazyWidget';

/** What the placeholder reads of an editor's props. */
export type CodeEditorPlaceholderProps = Pick<
  CodeEditorProps,
  'value' | 'label' | 'onChange' | 'invalid' | 'minHeight' | 'className'
>;

/**
 * The editor before its code has arrived: the same frame and lines as CodeEditor (CodeLines), so the
 * page does not move when the editor replaces it (the e2e layout test compares the two). The text is
 * already readable; `failure` shows above it if the editor could not load.
 */
export function CodeEditorPlaceholder({
  value,
  label,
  onChange,
  invalid = false,
  minHeight = '8rem',
  className,
  failure,
}: CodeEditorPlaceholderProps & { failure?: ReactNode }) {
  return (
    <div className="flex flex-col gap-2">
      {failure && <div className="rounded-lg border border-red-200 bg-red-50 px-3 py-2">{failure}</div>}
      <div
        aria-busy={failure ? undefined : 'true'}
        aria-label={failure ? `${label} (the editor could not load)` : `${label} (loading the editor)`}
        role="group"
        className={codeEditorFrameClasses({ invalid, readOnly: onChange === undefined, className })}
      >
        <CodeLines lines={value.split('\n')} minHeight={minHeight} />
      </div>
    </div>
  );
}

/**
 * The one way the app defers a code editor: `load` resolves to an editor built on CodeEditor (the
 * Liquid and the YAML editors), which becomes its own chunk. The page renders
 * without it; the placeholder holds its place and shows the text; a failed download offers a retry.
 */
export function deferCodeEditor<P extends CodeEditorPlaceholderProps>(load: () => Promise<ComponentType<P>>): LazyWidget<P> {
  return lazyWidget(load, {
    what: 'the editor',
    placeholder: (props, failure) => <CodeEditorPlaceholder {...props} failure={failure} />,
  });
}
