import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Transaction, type Extension, type Text } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  placeholder as placeholderText,
} from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { history, historyKeymap } from '@codemirror/commands';
import { CODE_FONT_SIZE, CODE_LINE_HEIGHT, CODE_PADDING_Y, codeEditorFrameClasses } from './code-editor-frame';

/** A problem at a 1-based line and column, as servers and compilers report them. */
export interface CodeDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
}

export interface CodeEditorProps {
  value: string;
  /** Absent for a read-only editor. */
  onChange?: (value: string) => void;
  /** Accessible name of the editable area, e.g. "Template". */
  label: string;
  /** Ids of elements describing the editor, e.g. its error message. */
  describedBy?: string | undefined;
  invalid?: boolean;
  /** The language and anything else it brings (completion…). Memoize it: a new value reconfigures the editor. */
  extensions?: Extension;
  /** Shown as lint markers (underline and gutter) at their positions. */
  diagnostics?: readonly CodeDiagnostic[];
  /**
   * The text `diagnostics` were computed for. When the document has moved on they are not applied,
   * so markers never land on the wrong characters; the previous markers follow the edits instead.
   */
  diagnosticsFor?: string;
  placeholder?: string;
  /** CSS length of the editing area before it grows with content. Default '8rem'. */
  minHeight?: string;
  className?: string;
}

const IDENTIFIER_CHAR = /[\w-]/;

const TAG_CLOSE: Record<string, string> = { '{{': '}}', '{%': '%}' };

/**
 * Document offsets of a 1-based line and column, widened to what starts there: a whole `{{ … }}` or
 * `{% … %}` on that line, else the word.
 */
export function diagnosticRange(doc: Text, line: number, column: number): { from: number; to: number } {
  const target = doc.line(Math.min(Math.max(1, line), doc.lines));
  const from = Math.min(target.from + Math.max(0, column - 1), target.to);
  const close = TAG_CLOSE[doc.sliceString(from, from + 2)];
  const end = close === undefined ? -1 : doc.sliceString(from, target.to).indexOf(close);
  if (close !== undefined && end >= 0) return { from, to: from + end + close.length };
  let to = from;
  while (to < target.to && IDENTIFIER_CHAR.test(doc.sliceString(to, to + 1))) to += 1;
  if (to === from) to = Math.min(from + 1, target.to);
  return { from, to };
}

const toEditorDiagnostics = (doc: Text, diagnostics: readonly CodeDiagnostic[]): EditorDiagnostic[] =>
  diagnostics.map((diagnostic) => ({
    ...diagnosticRange(doc, diagnostic.line, diagnostic.column),
    severity: diagnostic.severity,
    message: diagnostic.message,
  }));

const theme = EditorView.theme({
  '&': { fontSize: CODE_FONT_SIZE, backgroundColor: 'transparent' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: String(CODE_LINE_HEIGHT) },
  '.cm-content': { padding: `${CODE_PADDING_Y} 0`, caretColor: 'var(--color-indigo-600)' },
  '.cm-gutters': {
    backgroundColor: 'var(--color-slate-50)',
    borderRight: '1px solid var(--color-slate-200)',
    color: 'var(--color-slate-400)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in oklab, var(--color-indigo-50) 60%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--color-indigo-50)', color: 'var(--color-slate-600)' },
  '.cm-placeholder': { color: 'var(--color-slate-400)' },
  '.cm-tooltip': { borderRadius: '8px', border: '1px solid var(--color-slate-200)', overflow: 'hidden' },
});

// A theme rather than a class: CodeMirror's base theme sets `.cm-content { min-height: 100% }` and
// its injected styles come after the app's stylesheet.
const heightTheme = (minHeight: string) => EditorView.theme({ '.cm-content, .cm-gutter': { minHeight } });

const contentAttributes = (label: string, describedBy: string | undefined, invalid: boolean) =>
  EditorView.contentAttributes.of({
    'aria-label': label,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(invalid ? { 'aria-invalid': 'true' } : {}),
  });

/**
 * A CodeMirror 6 editor as a controlled input. The view is created once; prop changes reconfigure
 * it through compartments, so typing never remounts it (and never loses focus or selection).
 */
export function CodeEditor({
  value,
  onChange,
  label,
  describedBy,
  invalid = false,
  extensions = [],
  diagnostics,
  diagnosticsFor,
  placeholder,
  minHeight = '8rem',
  className,
}: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  /** Texts sent through onChange that the `value` prop has not caught up with yet. */
  const emitted = useRef(new Set<string>());
  const compartments = useRef({
    language: new Compartment(),
    attributes: new Compartment(),
    editable: new Compartment(),
    placeholder: new Compartment(),
    height: new Compartment(),
  });
  const readOnly = onChange === undefined;

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  // Created once: the props it reads here are only its starting point; the effects below follow them.
  useEffect(() => {
    if (!hostRef.current) return undefined;
    const c = compartments.current;
    const view = new EditorView({
      parent: hostRef.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          history(),
          keymap.of(historyKeymap),
          EditorView.lineWrapping,
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          lintGutter(),
          theme,
          c.language.of(extensions),
          c.attributes.of(contentAttributes(label, describedBy, invalid)),
          c.editable.of([EditorView.editable.of(!readOnly), EditorState.readOnly.of(readOnly)]),
          c.placeholder.of(placeholder ? placeholderText(placeholder) : []),
          c.height.of(heightTheme(minHeight)),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.some((tr) => tr.annotation(Transaction.addToHistory) === false)) return;
            const text = update.state.doc.toString();
            emitted.current.add(text);
            onChangeRef.current?.(text);
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mount once; later changes go through the effects below
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    if (view.state.doc.toString() === value) {
      emitted.current.clear();
      return;
    }
    // A render that lags behind fast typing echoes text the editor already moved past: not a change.
    if (emitted.current.has(value)) return;
    emitted.current.clear();
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: value },
      annotations: Transaction.addToHistory.of(false),
    });
  }, [value]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.current.language.reconfigure(extensions) });
  }, [extensions]);

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: compartments.current.attributes.reconfigure(contentAttributes(label, describedBy, invalid)),
    });
  }, [label, describedBy, invalid]);

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: compartments.current.editable.reconfigure([EditorView.editable.of(!readOnly), EditorState.readOnly.of(readOnly)]),
    });
  }, [readOnly]);

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: compartments.current.placeholder.reconfigure(placeholder ? placeholderText(placeholder) : []),
    });
  }, [placeholder]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.current.height.reconfigure(heightTheme(minHeight)) });
  }, [minHeight]);

  // By content: callers often derive a fresh array per render, and re-setting identical markers
  // would close an open lint tooltip.
  const diagnosticsKey = diagnostics === undefined ? undefined : JSON.stringify(diagnostics);
  useEffect(() => {
    const view = viewRef.current;
    if (!view || diagnosticsKey === undefined) return;
    if (diagnosticsFor !== undefined && view.state.doc.toString() !== diagnosticsFor) return;
    const current = JSON.parse(diagnosticsKey) as CodeDiagnostic[];
    view.dispatch(setDiagnostics(view.state, toEditorDiagnostics(view.state.doc, current)));
  }, [diagnosticsKey, diagnosticsFor]);

  return <div ref={hostRef} className={codeEditorFrameClasses({ invalid, readOnly, className })} />;
}
