import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { CodeEditor, type CodeDiagnostic, type CodeLanguage } from './CodeEditor';
import { diagnosticRange, mapDiagnostics } from './code-editor/diagnostics';

Element.prototype.scrollIntoView ??= function scrollIntoView() {
  return undefined;
};

const WORDS: CodeLanguage = {
  highlight: {
    startState: () => null,
    token: (stream) => (stream.match(/^\d+/) ? 'number' : (stream.next(), null)),
  },
  complete: (context) => {
    const word = context.matchBefore(/\w*$/);
    if (!word || (word.text === '' && !context.explicit)) return null;
    return { from: word.from, options: ['alpha', 'alpine', 'beta'].map((label) => ({ label })) };
  },
  afterType: (text, cursor) =>
    text.slice(cursor - 2, cursor + 1) === '{%}' ? { text: `${text.slice(0, cursor)}%${text.slice(cursor)}`, cursor } : null,
};

function Controlled({ initial = '', diagnostics }: { initial?: string; diagnostics?: CodeDiagnostic[] }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <CodeEditor label="Body" value={value} onChange={setValue} diagnostics={diagnostics} language={WORDS} />
      <output data-testid="value">{value}</output>
      <button type="button" onClick={() => setValue('reset')}>
        Reset
      </button>
    </>
  );
}

const area = () => screen.getByRole('textbox', { name: 'Body' }) as HTMLTextAreaElement;
const frame = () => area().closest('[data-code-editor]') as HTMLElement;

describe('CodeEditor', () => {
  it('is a labelled, controlled input', async () => {
    const user = userEvent.setup();
    render(<Controlled initial="Hello" />);
    expect(area()).toHaveValue('Hello');

    await user.type(area(), ' world', { initialSelectionStart: 5, initialSelectionEnd: 5 });
    expect(screen.getByTestId('value')).toHaveTextContent('Hello world');

    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(area()).toHaveValue('reset');
  });

  it('ignores a render that lags behind typing instead of reverting the text', () => {
    const { rerender } = render(<CodeEditor label="Body" value="a" onChange={() => undefined} />);
    fireEvent.change(area(), { target: { value: 'ab' } });
    fireEvent.change(area(), { target: { value: 'abc' } });

    rerender(<CodeEditor label="Body" value="ab" onChange={() => undefined} />);
    expect(area()).toHaveValue('abc');
    rerender(<CodeEditor label="Body" value="replaced" onChange={() => undefined} />);
    expect(area()).toHaveValue('replaced');
  });

  it('undoes and redoes with the keyboard, grouping quick typing into one step', async () => {
    const user = userEvent.setup();
    render(<Controlled initial="a" />);
    await user.type(area(), 'bc', { initialSelectionStart: 1, initialSelectionEnd: 1 });
    expect(screen.getByTestId('value')).toHaveTextContent(/^abc$/);

    fireEvent.keyDown(area(), { key: 'z', ctrlKey: true });
    expect(screen.getByTestId('value')).toHaveTextContent(/^a$/);
    fireEvent.keyDown(area(), { key: 'y', ctrlKey: true });
    expect(screen.getByTestId('value')).toHaveTextContent(/^abc$/);
    // Nothing further to redo; a second undo past the start does nothing either.
    fireEvent.keyDown(area(), { key: 'y', ctrlKey: true });
    fireEvent.keyDown(area(), { key: 'z', ctrlKey: true });
    fireEvent.keyDown(area(), { key: 'z', ctrlKey: true });
    expect(screen.getByTestId('value')).toHaveTextContent(/^a$/);
    fireEvent.keyDown(area(), { key: 'z', ctrlKey: true, shiftKey: true });
    expect(screen.getByTestId('value')).toHaveTextContent(/^abc$/);
  });

  it('draws the text with line numbers and highlighting under the textarea', () => {
    render(<Controlled initial={'one 12\ntwo'} />);
    const lines = frame().querySelectorAll('[data-line]');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toHaveTextContent('2two');
    expect(lines[0]?.querySelector('.text-\\[\\#164\\]')).toHaveTextContent('12');
  });

  it('marks diagnostics at their line and column, in the text and the gutter, and moves them with edits', () => {
    render(<Controlled initial={'one\ntwo {{ x }}'} diagnostics={[{ severity: 'error', message: 'bad', line: 2, column: 5 }]} />);
    expect(frame().querySelector('[data-diagnostic="error"]')).toHaveTextContent('{{ x }}');
    expect(frame().querySelector('[data-line="1"] [data-marker="error"]')).toHaveAttribute('title', 'bad');

    fireEvent.change(area(), { target: { value: 'zero\none\ntwo {{ x }}' } });
    expect(frame().querySelector('[data-diagnostic="error"]')).toHaveTextContent('{{ x }}');
    expect(frame().querySelector('[data-line="2"] [data-marker="error"]')).not.toBeNull();
  });

  it('completes as one types: arrows choose, Enter inserts, Escape closes', async () => {
    const user = userEvent.setup();
    render(<Controlled />);
    await user.type(area(), 'al');
    const list = screen.getByRole('listbox', { name: 'Suggestions' });
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['alpha', 'alpine']);
    expect(area()).toHaveAttribute('aria-activedescendant', screen.getAllByRole('option')[0]?.id);

    await user.keyboard('{ArrowDown}{Enter}');
    expect(list).not.toBeInTheDocument();
    expect(screen.getByTestId('value')).toHaveTextContent(/^alpine$/);

    await user.keyboard(' ');
    await user.keyboard('{Control>} {/Control}');
    expect(screen.getAllByRole('option')).toHaveLength(3);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it("applies the language's rewrite of a typed character", async () => {
    const user = userEvent.setup();
    render(<Controlled initial="{}" />);
    await user.type(area(), '%', { initialSelectionStart: 1, initialSelectionEnd: 1 });
    expect(screen.getByTestId('value')).toHaveTextContent(/^\{%%\}$/);
    expect(area().selectionStart).toBe(2);
  });

  it('is read-only without onChange', () => {
    render(<CodeEditor label="Body" value="fixed" />);
    expect(area()).toHaveAttribute('readonly');
  });
});

describe('diagnosticRange', () => {
  const doc = ['Hello {{ name }}', '{% if vip %}x{% endif %}', 'word-one two'].join('\n');
  const text = (line: number, column: number) => {
    const { from, to } = diagnosticRange(doc, line, column);
    return doc.slice(from, to);
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

describe('mapDiagnostics', () => {
  const mark = { from: 4, to: 7, severity: 'error' as const, message: 'm' };
  it('keeps markers before an edit, shifts those after it, and drops those whose text went', () => {
    expect(mapDiagnostics([mark], 'abc xyz', 'abc xyz!')).toEqual([mark]);
    expect(mapDiagnostics([mark], 'abc xyz', '>abc xyz')).toEqual([{ ...mark, from: 5, to: 8 }]);
    expect(mapDiagnostics([mark], 'abc xyz', 'abc ')).toEqual([]);
  });
});
