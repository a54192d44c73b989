import { clsx } from 'clsx';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { CODE_PADDING_Y, codeEditorFrameClasses } from './code-editor-frame';
import { CODE_TEXT_PADDING, CODE_WRAP, CodeLines, codeTextLeft, type LineMarker } from './CodeLines';
import { CompletionList } from './code-editor/CompletionList';
import {
  completionContext,
  filterOptions,
  type Completion,
  type CompletionResult,
  type CompletionSource,
} from './code-editor/completion';
import {
  lineStarts,
  mapDiagnostics,
  placeDiagnostics,
  type CodeDiagnostic,
  type PlacedDiagnostic,
} from './code-editor/diagnostics';
import { EditHistory, type EditorSnapshot } from './code-editor/history';
import { TOKEN_CLASSES, tokenizeLines, type StreamMode, type Token } from './code-editor/stream';

export type { CodeDiagnostic } from './code-editor/diagnostics';

/** What the editor knows of the language it edits. */
export interface CodeLanguage {
  /** Reads the tokens to colour. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each mode has its own state type
  highlight?: StreamMode<any>;
  /** Suggestions while typing and on Ctrl-Space. */
  complete?: CompletionSource;
  /**
   * Rewrites the text after one typed character that ends at `cursor`, e.g. `{%` + `}` → `{%%}`;
   * null keeps it as typed.
   */
  afterType?: (text: string, cursor: number) => { text: string; cursor: number } | null;
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
  /** Highlighting and completion. Memoize it: the editor reads it on every change. */
  language?: CodeLanguage;
  /** Shown as markers (underline and gutter) at their positions. */
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

interface OpenCompletion {
  result: CompletionResult;
  options: Completion[];
  selected: number;
  /** Viewport position of the completed word's start, for the list. */
  at: { left: number; top: number } | null;
}

const snapshotOf = (area: HTMLTextAreaElement, text = area.value): EditorSnapshot => ({
  text,
  selectionStart: area.selectionStart,
  selectionEnd: area.selectionEnd,
});

/** The kind of change an input event made, for grouping undo steps. */
const changeKind = (inputType: string | undefined) =>
  inputType?.startsWith('insert') && inputType !== 'insertFromPaste'
    ? 'type'
    : inputType?.startsWith('delete')
      ? 'delete'
      : 'other';

interface Piece {
  from: number;
  to: number;
}

/** Cuts [from, to) of a line at the given points. */
function cut(from: number, to: number, points: readonly number[]): Piece[] {
  const inside = [...new Set([from, ...points.filter((point) => point > from && point < to), to])].sort((a, b) => a - b);
  return inside.slice(0, -1).map((start, index) => ({ from: start, to: inside[index + 1] as number }));
}

/**
 * The line's content: its text cut where diagnostics start and end (each marked stretch one element,
 * with its message), and within those where tokens do, each token coloured.
 */
function renderLine(line: string, lineFrom: number, tokens: readonly Token[], marks: readonly PlacedDiagnostic[]): ReactNode {
  if (line === '') return '';
  const markPoints = marks.flatMap((mark) => [mark.from - lineFrom, mark.to - lineFrom]);
  const tokenPoints = tokens.flatMap((token) => [token.from, token.to]);
  return cut(0, line.length, markPoints).map((stretch) => {
    const mark = marks.find((candidate) => candidate.from - lineFrom <= stretch.from && candidate.to - lineFrom >= stretch.to);
    const pieces = cut(stretch.from, stretch.to, tokenPoints).map((piece) => {
      const token = tokens.find((candidate) => candidate.from <= piece.from && candidate.to >= piece.to);
      return (
        <span key={piece.from} className={token && TOKEN_CLASSES[token.type]}>
          {line.slice(piece.from, piece.to)}
        </span>
      );
    });
    if (!mark) return pieces;
    return (
      <span
        key={`mark-${stretch.from}`}
        className={clsx(
          'underline decoration-wavy underline-offset-2',
          mark.severity === 'error' ? 'decoration-red-500' : 'decoration-amber-500',
        )}
        data-diagnostic={mark.severity}
        data-message={mark.message}
      >
        {pieces}
      </span>
    );
  });
}

/** Viewport position of `offset` in the drawn lines (below the line), for the completion list. */
function positionOf(lines: HTMLElement | null, text: string, offset: number): { left: number; top: number } | null {
  const starts = lineStarts(text);
  let line = starts.length - 1;
  while (line > 0 && (starts[line] ?? 0) > offset) line -= 1;
  const host = lines?.querySelector(`[data-line="${line}"] [data-line-text]`);
  if (!host) return null;
  let column = offset - (starts[line] ?? 0);
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (column <= length) {
      const range = document.createRange();
      range.setStart(node, column);
      range.setEnd(node, column);
      const rect = range.getClientRects?.()[0] ?? range.getBoundingClientRect?.();
      if (rect && (rect.left !== 0 || rect.bottom !== 0)) return { left: rect.left, top: rect.bottom };
      break;
    }
    column -= length;
  }
  const box = host.getBoundingClientRect();
  return { left: box.left, top: box.bottom };
}

/**
 * A code editor as a controlled input: a textarea laid over the same text drawn with highlighting,
 * line numbers and diagnostic markers (CodeLines). Undo and redo are its own (Ctrl-Z, Ctrl-Y,
 * Ctrl-Shift-Z), completion opens as one types or on Ctrl-Space, and the text wraps at the box width.
 */
export function CodeEditor({
  value,
  onChange,
  label,
  describedBy,
  invalid = false,
  language,
  diagnostics,
  diagnosticsFor,
  placeholder,
  minHeight = '8rem',
  className,
}: CodeEditorProps) {
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const linesRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState(value);
  /** Texts sent through onChange that the `value` prop has not caught up with yet. */
  const emitted = useRef(new Set<string>());
  const history = useRef(new EditHistory());
  /** A selection to restore once React has written a new value (which moves the cursor to the end). */
  const pendingSelection = useRef<[number, number] | null>(null);
  /** The selection as last seen, for the undo step of the next change. */
  const selection = useRef<[number, number]>([0, 0]);
  const [marks, setMarks] = useState<PlacedDiagnostic[]>([]);
  const [activeLine, setActiveLine] = useState<number | null>(null);
  const [completion, setCompletion] = useState<OpenCompletion | null>(null);
  const listId = useId();
  const readOnly = onChange === undefined;

  // A new value from the parent: an echo of our own typing (possibly lagging behind it) is not a change.
  const [seenValue, setSeenValue] = useState(value);
  if (value !== seenValue) {
    setSeenValue(value);
    if (value === text) {
      emitted.current.clear();
    } else if (!emitted.current.has(value)) {
      emitted.current.clear();
      history.current.clear();
      setText(value);
      setMarks([]);
      setCompletion(null);
    }
  }

  // By content: callers often derive a fresh array per render.
  const diagnosticsKey = diagnostics === undefined ? undefined : JSON.stringify(diagnostics);
  useEffect(() => {
    if (diagnosticsKey === undefined) return;
    if (diagnosticsFor !== undefined && text !== diagnosticsFor) return;
    setMarks(placeDiagnostics(text, JSON.parse(diagnosticsKey) as CodeDiagnostic[]));
    // Only new diagnostics are placed; edits move the markers already placed (see commit).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [diagnosticsKey, diagnosticsFor]);

  useLayoutEffect(() => {
    const area = areaRef.current;
    const selection = pendingSelection.current;
    if (!area || !selection) return;
    pendingSelection.current = null;
    area.setSelectionRange(selection[0], selection[1]);
  });

  const tokens = useMemo(() => (language?.highlight ? tokenizeLines(language.highlight, text) : []), [language, text]);
  const starts = useMemo(() => lineStarts(text), [text]);
  const lines = text.split('\n');
  const markers = new Map<number, LineMarker[]>();
  const marksByLine = new Map<number, PlacedDiagnostic[]>();
  for (const mark of marks) {
    let line = starts.length - 1;
    while (line > 0 && (starts[line] ?? 0) > mark.from) line -= 1;
    markers.set(line, [...(markers.get(line) ?? []), mark]);
    // A mark spanning lines underlines each of them.
    for (let each = line; each < starts.length && (starts[each] ?? 0) < mark.to; each += 1)
      marksByLine.set(each, [...(marksByLine.get(each) ?? []), mark]);
  }

  /** Makes `next` the document: history, markers, the parent, and the cursor. */
  const commit = (next: string, nextSelection: [number, number], before: EditorSnapshot, kind: string) => {
    history.current.record(before, kind, Date.now());
    selection.current = nextSelection;
    setMarks((current) => mapDiagnostics(current, before.text, next));
    setText(next);
    pendingSelection.current = nextSelection;
    emitted.current.add(next);
    onChange?.(next);
  };

  const query = (next: string, pos: number, explicit: boolean) => {
    const result = language?.complete?.(completionContext(next, pos, explicit));
    const options = result ? filterOptions(result.options, next.slice(result.from, pos)) : [];
    if (!result || options.length === 0) {
      setCompletion(null);
      return;
    }
    setCompletion({ result, options, selected: 0, at: null });
  };

  // Placed after render, when the lines show the new text.
  useLayoutEffect(() => {
    if (!completion || completion.at) return;
    setCompletion({ ...completion, at: positionOf(linesRef.current, text, completion.result.from) });
  }, [completion, text]);

  const restore = (snapshot: EditorSnapshot | null) => {
    const area = areaRef.current;
    if (!snapshot || !area) return;
    setMarks((current) => mapDiagnostics(current, area.value, snapshot.text));
    setText(snapshot.text);
    pendingSelection.current = [snapshot.selectionStart, snapshot.selectionEnd];
    selection.current = [snapshot.selectionStart, snapshot.selectionEnd];
    emitted.current.add(snapshot.text);
    onChange?.(snapshot.text);
    setCompletion(null);
  };

  const accept = (option: Completion) => {
    const area = areaRef.current;
    if (!area || !completion) return;
    const pos = area.selectionStart;
    const insert = option.apply ?? option.label;
    const next = text.slice(0, completion.result.from) + insert + text.slice(pos);
    const cursor = completion.result.from + insert.length;
    commit(next, [cursor, cursor], snapshotOf(area, text), 'other');
    setCompletion(null);
  };

  const onInput = (event: ChangeEvent<HTMLTextAreaElement>) => {
    const area = event.target;
    const before: EditorSnapshot = { text, selectionStart: selection.current[0], selectionEnd: selection.current[1] };
    const inputType = (event.nativeEvent as InputEvent).inputType as string | undefined;
    let next = area.value;
    let cursor = area.selectionEnd;
    const typedOne = next.length === text.length + 1 && inputType === 'insertText';
    const rewritten = typedOne ? language?.afterType?.(next, cursor) : null;
    if (rewritten) ({ text: next, cursor } = rewritten);
    commit(next, [cursor, cursor], before, changeKind(inputType));
    if (inputType?.startsWith('insert') && inputType !== 'insertFromPaste') query(next, cursor, false);
    else if (completion) query(next, cursor, false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const area = event.currentTarget;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (mod && !readOnly && ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey))) {
      event.preventDefault();
      restore(history.current.redo(snapshotOf(area, text)));
    } else if (mod && !readOnly && key === 'z') {
      event.preventDefault();
      restore(history.current.undo(snapshotOf(area, text)));
    } else if (event.ctrlKey && event.key === ' ' && !readOnly) {
      event.preventDefault();
      query(text, area.selectionStart, true);
    } else if (completion) {
      const count = completion.options.length;
      const move = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
      if (move !== undefined) {
        event.preventDefault();
        const selected =
          Math.abs(move) === 1
            ? (completion.selected + move + count) % count
            : Math.max(0, Math.min(count - 1, completion.selected + move));
        setCompletion({ ...completion, selected });
      } else if (event.key === 'Enter') {
        event.preventDefault();
        const option = completion.options[completion.selected];
        if (option) accept(option);
      } else if (event.key === 'Escape') {
        // Closes the list only, not a dialog around the editor.
        event.preventDefault();
        event.stopPropagation();
        setCompletion(null);
      }
    }
  };

  const onSelect = () => {
    const area = areaRef.current;
    if (!area) return;
    selection.current = [area.selectionStart, area.selectionEnd];
    const head = area.selectionDirection === 'backward' ? area.selectionStart : area.selectionEnd;
    let line = starts.length - 1;
    while (line > 0 && (starts[line] ?? 0) > head) line -= 1;
    setActiveLine(line);
    // The cursor left the word being completed.
    if (
      completion &&
      (area.selectionStart !== area.selectionEnd ||
        head < completion.result.from ||
        !text.slice(completion.result.from, head).match(completion.result.validFor ?? /^[\w-]*$/))
    )
      setCompletion(null);
  };

  /** Shows a marked range's message on hover: the textarea covers the lines that hold it. */
  const onMouseMove = (event: MouseEvent<HTMLTextAreaElement>) => {
    const area = event.currentTarget;
    const under = document.elementsFromPoint?.(event.clientX, event.clientY) ?? [];
    const message =
      under.find((element) => element instanceof HTMLElement && element.dataset.message)?.getAttribute('data-message') ?? '';
    if (area.title !== message) area.title = message;
  };

  const open = completion !== null && completion.options.length > 0;
  return (
    <div className={codeEditorFrameClasses({ invalid, readOnly, className })} data-code-editor="">
      <div ref={linesRef}>
        <CodeLines
          decorative
          minHeight={minHeight}
          activeLine={activeLine}
          markers={markers}
          lines={lines.map((line, index) =>
            renderLine(line, starts[index] ?? 0, tokens[index] ?? [], marksByLine.get(index) ?? []),
          )}
        >
          <textarea
            ref={areaRef}
            value={text}
            onChange={onInput}
            onKeyDown={onKeyDown}
            onSelect={onSelect}
            onFocus={onSelect}
            onBlur={() => {
              setCompletion(null);
              setActiveLine(null);
            }}
            onMouseMove={onMouseMove}
            // Kept at the top: the lines below give the height, so the textarea never scrolls.
            onScroll={(event) => {
              event.currentTarget.scrollTop = 0;
            }}
            readOnly={readOnly}
            placeholder={placeholder}
            aria-label={label}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-autocomplete={language?.complete ? 'list' : undefined}
            aria-controls={open ? listId : undefined}
            aria-expanded={language?.complete ? open : undefined}
            aria-activedescendant={open ? `${listId}-${completion.selected}` : undefined}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            className="absolute inset-y-0 right-0 resize-none overflow-hidden bg-transparent text-transparent caret-indigo-600 outline-none selection:bg-indigo-200/60 placeholder:text-slate-400"
            style={{
              left: codeTextLeft(lines.length),
              paddingBlock: CODE_PADDING_Y,
              paddingLeft: CODE_TEXT_PADDING.left,
              paddingRight: CODE_TEXT_PADDING.right,
              font: 'inherit',
              ...CODE_WRAP,
            }}
          />
        </CodeLines>
      </div>
      {open && (
        <CompletionList
          id={listId}
          options={completion.options}
          selected={completion.selected}
          at={completion.at}
          onPick={accept}
        />
      )}
    </div>
  );
}
