import { Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { CodeEditor, diagnosticRange, type CodeDiagnostic } from './CodeEditor';

// jsdom has no layout; CodeMirror measures ranges after each update.
Range.prototype.getClientRects ??= function getClientRects() {
  return Object.assign([], { item: () => null }) as unknown as DOMRectList;
};
Range.prototype.getBoundingClientRect ??= function getBoundingClientRect() {
  return new DOMRect();
};

function Controlled({ initial = '', diagnostics }: { initial?: string; diagnostics?: CodeDiagnostic[] }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <CodeEditor label="Body" value={value} onChange={setValue} diagnostics={diagnostics} />
      <output data-testid="value">{value}</output>
      <button type="button" onClick={() => setValue('reset')}>
        Reset
      </button>
    </>
  );
}

const viewOf = (element: HTMLElement) => {
  const view = EditorView.findFromDOM(element);
  if (!view) throw new Error('not an editor');
  return view;
};

/** Types at the end of the document as CodeMirror records keyboard input. */
const typeAtEnd = (view: EditorView, text: string) =>
  act(() => {
    view.dispatch({ changes: { from: view.state.doc.length, insert: text }, userEvent: 'input.type' });
  });

describe('CodeEditor', () => {
  it('is a labelled, controlled input', () => {
    render(<Controlled initial="Hello" />);
    const editor = screen.getByRole('textbox', { name: 'Body' });
    expect(editor).toHaveTextContent('Hello');

    typeAtEnd(viewOf(editor), ' world');
    expect(screen.getByTestId('value')).toHaveTextContent('Hello world');

    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(editor).toHaveTextContent('reset');
  });

  it('ignores a render that lags behind typing instead of reverting the text', () => {
    const { rerender } = render(<CodeEditor label="Body" value="a" onChange={() => undefined} />);
    const editor = screen.getByRole('textbox', { name: 'Body' });
    typeAtEnd(viewOf(editor), 'b');
    typeAtEnd(viewOf(editor), 'c');

    rerender(<CodeEditor label="Body" value="ab" onChange={() => undefined} />);
    expect(editor).toHaveTextContent(/^abc$/);
    rerender(<CodeEditor label="Body" value="replaced" onChange={() => undefined} />);
    expect(editor).toHaveTextContent(/^replaced$/);
  });

  it('undoes and redoes with the keyboard, grouping quick typing into one step', () => {
    render(<Controlled initial="a" />);
    const editor = screen.getByRole('textbox', { name: 'Body' });
    const view = viewOf(editor);
    typeAtEnd(view, 'b');
    typeAtEnd(view, 'c');

    fireEvent.keyDown(editor, { key: 'z', ctrlKey: true });
    expect(screen.getByTestId('value')).toHaveTextContent(/^a$/);
    fireEvent.keyDown(editor, { key: 'y', ctrlKey: true });
    expect(screen.getByTestId('value')).toHaveTextContent(/^abc$/);
    // Nothing further to redo; a second undo past the start does nothing either.
    fireEvent.keyDown(editor, { key: 'y', ctrlKey: true });
    fireEvent.keyDown(editor, { key: 'z', ctrlKey: true });
    fireEvent.keyDown(editor, { key: 'z', ctrlKey: true });
    expect(screen.getByTestId('value')).toHaveTextContent(/^a$/);
  });

  it('marks diagnostics at their line and column', () => {
    render(<Controlled initial={'one\ntwo {{ x }}'} diagnostics={[{ severity: 'error', message: 'bad', line: 2, column: 5 }]} />);
    const editor = screen.getByRole('textbox', { name: 'Body' });
    expect(editor.querySelector('.cm-lintRange-error')).toHaveTextContent('{{ x }}');
  });

  it('is read-only without onChange', () => {
    render(<CodeEditor label="Body" value="fixed" />);
    expect(screen.getByRole('textbox', { name: 'Body' })).toHaveAttribute('contenteditable', 'false');
  });
});

describe('diagnosticRange', () => {
  const doc = Text.of(['Hello {{ name }}', '{% if vip %}x{% endif %}', 'word-one two']);
  const text = (line: number, column: number) => {
    const { from, to } = diagnosticRange(doc, line, column);
    return doc.sliceString(from, to);
  };

  it('covers a whole output or tag, else the word, else one character', () => {
    expect(text(1, 7)).toBe('{{ name }}');
    expect(text(2, 1)).toBe('{% if vip %}');
    expect(text(1, 10)).toBe('name');
    expect(text(3, 1)).toBe('word-one');
    expect(text(1, 6)).toBe(' ');
  });

  it('clamps positions outside the document', () => {
    expect(text(9, 1)).toBe('word-one');
    expect(diagnosticRange(doc, 1, 99)).toEqual({ from: 16, to: 16 });
  });
});
