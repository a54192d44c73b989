import type { StreamMode, StringStream } from '../../../components/ui/code-editor/stream';

interface YamlState {
  /** Inside `${{ … }}`. */
  expression: boolean;
  /** A mapping key may start here (line start, or after a list dash). */
  keyAllowed: boolean;
  /** Indentation of the line that opened a `|` or `>` block scalar; deeper lines are its text. */
  block: number | null;
}

const KEY = /^(?:"[^"]*"|'[^']*'|[^\s#:'"[\]{},][^:#]*?)(?=\s*:(?:\s|$))/;
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?=[\s,\]}]|$)/;
const ATOM = /^(?:true|false|null|~)(?=[\s,\]}]|$)/;

function token(stream: StringStream, state: YamlState): string | null {
  if (stream.sol()) {
    state.keyAllowed = true;
    if (state.block !== null) {
      if (stream.match(/^\s*$/, false) || stream.indentation() > state.block) {
        stream.skipToEnd();
        return 'string';
      }
      state.block = null;
    }
  }
  if (state.expression) {
    if (stream.match('}}')) {
      state.expression = false;
      return 'meta';
    }
    if (!stream.match(/^(?:[^}]|\}(?!\}))+/)) stream.next();
    return 'string.special';
  }
  if (stream.eatSpace()) return null;
  if (stream.match('${{')) {
    state.expression = true;
    return 'meta';
  }
  if (stream.peek() === '#' && (stream.pos === 0 || /\s/.test(stream.string.charAt(stream.pos - 1)))) {
    stream.skipToEnd();
    return 'comment';
  }
  if (state.keyAllowed && stream.match(/^-(?=\s|$)/)) return 'punctuation';
  if (state.keyAllowed && stream.match(KEY)) {
    state.keyAllowed = false;
    return 'propertyName';
  }
  state.keyAllowed = false;
  if (stream.eat(':')) return 'punctuation';
  if (stream.match(/^[|>][-+]?\d*(?=\s|$)/)) {
    state.block = stream.indentation();
    return 'meta';
  }
  if (stream.match(/^[[\]{},]/)) return 'punctuation';
  if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^']|'')*'?/)) return 'string';
  if (stream.match(NUMBER)) return 'number';
  if (stream.match(ATOM)) return 'atom';
  // A plain scalar, up to a comment, a flow indicator or an expression.
  if (!stream.match(/^(?:[^\s#,[\]{}$]|\$(?!\{\{)|#(?<!\s#))+/)) stream.next();
  return 'string';
}

/**
 * Highlighting for block-style YAML with `${{ … }}` expressions: keys, scalars, comments, block
 * scalars and the expressions themselves. A line tokenizer rather than a YAML grammar: colouring
 * needs no parse tree. Structure (paths, completion) is read
 * by yaml-context.ts and validated by the server's parser; this only colours.
 */
export const yamlHighlight: StreamMode<YamlState> = {
  startState: () => ({ expression: false, keyAllowed: true, block: null }),
  token,
};
