/**
 * Line tokenizers in the shape of CodeMirror's stream modes (a `token` function reading a
 * `StringStream` with a state carried from line to line), without CodeMirror: the Liquid and YAML
 * highlighters were written as such modes and read the text the same way here.
 */

/** A cursor over one line of text. */
export class StringStream {
  /** Where the current token starts. */
  start = 0;
  pos = 0;

  constructor(readonly string: string) {}

  eol(): boolean {
    return this.pos >= this.string.length;
  }

  sol(): boolean {
    return this.pos === 0;
  }

  peek(): string | undefined {
    return this.string.charAt(this.pos) || undefined;
  }

  next(): string | undefined {
    if (this.pos < this.string.length) return this.string.charAt(this.pos++);
    return undefined;
  }

  eat(char: string): string | undefined {
    const next = this.string.charAt(this.pos);
    if (next !== char) return undefined;
    this.pos += 1;
    return next;
  }

  eatSpace(): boolean {
    const start = this.pos;
    while (/[\s\u00a0]/.test(this.string.charAt(this.pos))) this.pos += 1;
    return this.pos > start;
  }

  skipToEnd(): void {
    this.pos = this.string.length;
  }

  /** Moves to the next `text` on the line; false (not moving) when there is none. */
  skipTo(text: string): boolean {
    const found = this.string.indexOf(text, this.pos);
    if (found < 0) return false;
    this.pos = found;
    return true;
  }

  /** Leading whitespace of the line, in characters. */
  indentation(): number {
    return /^\s*/.exec(this.string)?.[0].length ?? 0;
  }

  /**
   * Matches `pattern` at the cursor (a RegExp must start with `^`) and moves past it unless
   * `consume` is false. A string gives true on a match, a RegExp the match.
   */
  match(pattern: string, consume?: boolean): boolean;
  match(pattern: RegExp, consume?: boolean): RegExpMatchArray | null;
  match(pattern: string | RegExp, consume = true): boolean | RegExpMatchArray | null {
    if (typeof pattern === 'string') {
      const found = this.string.startsWith(pattern, this.pos);
      if (found && consume) this.pos += pattern.length;
      return found;
    }
    const found = pattern.exec(this.string.slice(this.pos));
    if (!found || found.index > 0) return null;
    if (consume) this.pos += found[0].length;
    return found;
  }
}

/** A highlighter: reads one token from the stream and names its kind (null: plain text). */
export interface StreamMode<State> {
  startState: () => State;
  token: (stream: StringStream, state: State) => string | null;
}

/** A highlighted stretch of one line, by column. */
export interface Token {
  from: number;
  to: number;
  type: string;
}

/** The tokens of every line of `text` (lines split at `\n`), read with `mode` from the first line on. */
export function tokenizeLines<State>(mode: StreamMode<State>, text: string): Token[][] {
  const state = mode.startState();
  return text.split('\n').map((line) => {
    const stream = new StringStream(line);
    const tokens: Token[] = [];
    while (!stream.eol()) {
      stream.start = stream.pos;
      const type = mode.token(stream, state);
      // A mode that reads nothing would loop for ever: take one character as plain text.
      if (stream.pos === stream.start) stream.pos += 1;
      else if (type) {
        // Adjacent pieces of one kind are one token, as CodeMirror gives them.
        const last = tokens.at(-1);
        if (last && last.type === type && last.to === stream.start) last.to = stream.pos;
        else tokens.push({ from: stream.start, to: stream.pos, type });
      }
    }
    return tokens;
  });
}

/** How each token kind is coloured (CodeMirror's default highlight style, which the editor had). */
export const TOKEN_CLASSES: Record<string, string> = {
  keyword: 'text-[#708]',
  atom: 'text-[#219]',
  number: 'text-[#164]',
  string: 'text-[#a11]',
  'string.special': 'text-[#e40]',
  comment: 'text-[#940] italic',
  meta: 'text-[#404740]',
};
