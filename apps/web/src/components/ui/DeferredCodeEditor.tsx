import type { ComponentType, ReactNode } from 'react';
import type { CodeEditorProps } from './CodeEditor';
import { CODE_FONT_SIZE, CODE_LINE_HEIGHT, CODE_PADDING_Y, codeEditorFrameClasses } from './code-editor-frame';
import { lazyWidget, type LazyWidget } from './LazyWidget';

/** What the placeholder reads of an editor's props. */
export type CodeEditorPlaceholderProps = Pick<
  CodeEditorProps,
  'value' | 'label' | 'onChange' | 'invalid' | 'minHeight' | 'className'
>;

/** CodeMirror's line-number column (`.cm-lineNumbers .cm-gutterElement`): as wide as the largest number, 20 px at least. */
const numberWidth = (lines: number) => `max(20px, calc(${String(lines).length}ch + 8px))`;
/** CodeMirror's lint gutter (`.cm-gutter-lint`). */
const LINT_WIDTH = '1.4em';

/**
 * The editor before CodeMirror has arrived: the same frame, gutter and text metrics as CodeEditor,
 * line by line, so the page does not move when the editor replaces it (the e2e layout test compares
 * the two). The text is already readable; `failure` shows above it if CodeMirror could not load.
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
  const lines = value.split('\n');
  const gutter = `calc(${numberWidth(lines.length)} + ${LINT_WIDTH})`;
  return (
    <div className="flex flex-col gap-2">
      {failure && <div className="rounded-lg border border-red-200 bg-red-50 px-3 py-2">{failure}</div>}
      <div
        aria-busy={failure ? undefined : 'true'}
        aria-label={failure ? `${label} (the editor could not load)` : `${label} (loading the editor)`}
        role="group"
        className={codeEditorFrameClasses({ invalid, readOnly: onChange === undefined, className })}
      >
        <div
          className="relative font-mono"
          style={{ fontSize: CODE_FONT_SIZE, lineHeight: CODE_LINE_HEIGHT, paddingBlock: CODE_PADDING_Y, minHeight }}
        >
          {/* The gutter's background runs the full height, like CodeMirror's. */}
          <div
            aria-hidden="true"
            className="absolute inset-y-0 left-0 border-r border-slate-200 bg-slate-50"
            style={{ width: `calc(${gutter} + 1px)` }}
          />
          {lines.map((line, index) => (
            // A line has no identity but its position, and the placeholder never reorders them.
            <div key={index} className="relative flex">
              <span
                aria-hidden="true"
                className="shrink-0 text-right whitespace-nowrap text-slate-400"
                style={{ width: numberWidth(lines.length), padding: '0 3px 0 5px' }}
              >
                {index + 1}
              </span>
              <span aria-hidden="true" className="shrink-0" style={{ width: `calc(${LINT_WIDTH} + 1px)` }} />
              <span
                className="min-w-0 flex-1 text-slate-700"
                style={{ padding: '0 2px 0 6px', whiteSpace: 'break-spaces', wordBreak: 'break-word', overflowWrap: 'anywhere' }}
              >
                {line === '' ? <br /> : line}
              </span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

/**
 * The one way the app defers a CodeMirror editor: `load` resolves to an editor built on CodeEditor
 * (the Liquid and the YAML editors), which becomes its own chunk with CodeMirror. The page renders
 * without it; the placeholder holds its place and shows the text; a failed download offers a retry.
 */
export function deferCodeEditor<P extends CodeEditorPlaceholderProps>(load: () => Promise<ComponentType<P>>): LazyWidget<P> {
  return lazyWidget(load, {
    what: 'the editor',
    placeholder: (props, failure) => <CodeEditorPlaceholder {...props} failure={failure} />,
  });
}
