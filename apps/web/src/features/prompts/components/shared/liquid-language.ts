import type {
  Completion,
  CompletionContext,
  CompletionResult,
  CompletionSource,
} from '../../../../components/ui/code-editor/completion';
import type { StreamMode, StringStream } from '../../../../components/ui/code-editor/stream';

// A small stream mode instead of @codemirror/lang-liquid: that package parses the text around the tags
// as HTML (with its CSS and JavaScript grammars), about 55 KB gzip a prompt template does not need.

const words = (list: string, type: string): Completion[] => list.split(' ').map((label) => ({ label, type }));

export const LIQUID_FILTERS = words(
  'abs append at_least at_most capitalize ceil compact concat date default divided_by downcase escape escape_once ' +
    'first floor join last lstrip map minus modulo newline_to_br plus prepend remove remove_first replace ' +
    'replace_first reverse round rstrip size slice sort sort_natural split strip strip_html strip_newlines sum times ' +
    'truncate truncatewords uniq upcase url_decode url_encode where',
  'function',
);
export const LIQUID_TAGS = words(
  'cycle comment endcomment raw endraw echo increment decrement liquid if elsif else endif unless endunless case ' +
    'when endcase for endfor tablerow endtablerow break continue assign capture endcapture render include',
  'keyword',
);
const EXPRESSION_WORDS = words('empty forloop tablerowloop in with as contains and or', 'keyword');
const LOOP_PROPERTIES: Record<string, Completion[]> = {
  forloop: words('first index index0 last length rindex rindex0', 'property'),
  tablerowloop: words('col col0 col_first col_last first index index0 last length rindex rindex0 row', 'property'),
};

const KEYWORDS = new Set(['in', 'with', 'as', 'contains', 'and', 'or', 'empty', 'forloop', 'tablerowloop']);
const ATOMS = new Set(['true', 'false', 'nil', 'null', 'blank']);

interface LiquidState {
  /** The tag the stream is inside: `{{ }}`, `{% %}`, an inline comment `{# #}`, or none. */
  inside: 'output' | 'tag' | 'comment' | null;
  /** Inside `{% comment %}…{% endcomment %}` or `{% raw %}…{% endraw %}`: text until the end tag. */
  block: 'comment' | 'raw' | null;
  /** The next word names the tag (`{% if`). */
  atTagName: boolean;
  /** The next word names a filter (`| upcase`). */
  afterPipe: boolean;
}

function closeTag(stream: StringStream, state: LiquidState): string | null {
  if (stream.match(state.inside === 'output' ? /^-?\}\}/ : /^-?%\}/)) {
    state.inside = null;
    return 'brace';
  }
  return null;
}

function tokenInside(stream: StringStream, state: LiquidState): string | null {
  if (stream.eatSpace()) return null;
  const closing = closeTag(stream, state);
  if (closing) return closing;
  if (stream.match(/^"[^"]*"?/) || stream.match(/^'[^']*'?/)) return 'string';
  if (stream.match(/^-?\d+(\.\d+)?/)) return 'number';
  const word = stream.match(/^[\w\u00c0-\uffff-]*[\w\u00c0-\uffff?]/) as RegExpMatchArray | null;
  if (word) {
    const text = word[0];
    if (state.atTagName) {
      state.atTagName = false;
      if (text === 'comment' || text === 'raw') state.block = text;
      return 'keyword';
    }
    if (state.afterPipe) {
      state.afterPipe = false;
      return 'variableName.function';
    }
    if (KEYWORDS.has(text)) return 'keyword';
    if (ATOMS.has(text)) return 'atom';
    return stream.string.charAt(stream.start - 1) === '.' ? 'propertyName' : 'variableName';
  }
  const char = stream.next();
  if (char === '|') state.afterPipe = true;
  return char && '=<>!'.includes(char) ? 'operator' : 'punctuation';
}

function tokenText(stream: StringStream, state: LiquidState): string | null {
  if (state.block && stream.match(new RegExp(`^\\{%-?\\s*end${state.block}\\s*-?%\\}`))) {
    state.block = null;
    return 'keyword';
  }
  if (state.block) {
    if (!stream.skipTo('{%')) stream.skipToEnd();
    else if (stream.pos === stream.start) stream.next();
    return state.block === 'comment' ? 'comment' : null;
  }
  if (stream.match(/^\{\{-?/)) {
    state.inside = 'output';
    return 'brace';
  }
  if (stream.match(/^\{%-?/)) {
    state.inside = 'tag';
    state.atTagName = true;
    return 'brace';
  }
  if (stream.match(/^\{#/)) {
    state.inside = 'comment';
    return 'comment';
  }
  if (!stream.skipTo('{')) stream.skipToEnd();
  else if (stream.pos === stream.start) stream.next();
  return null;
}

/** Liquid highlighting: tags, filters, strings, numbers and comments; the text between tags is plain. */
export const liquidHighlight: StreamMode<LiquidState> = {
  startState: () => ({ inside: null, block: null, atTagName: false, afterPipe: false }),
  token(stream, state) {
    if (state.inside === 'comment') {
      if (stream.match(/^[^#]*#\}/)) state.inside = null;
      else stream.skipToEnd();
      return 'comment';
    }
    return state.inside ? tokenInside(stream, state) : tokenText(stream, state);
  },
};

/** The text of the tag the cursor is in, from its opening braces to the cursor; null outside tags. */
function openTagBefore(context: CompletionContext): { opener: '{{' | '{%'; text: string } | null {
  const before = context.text.slice(Math.max(0, context.pos - 2000), context.pos);
  const open = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
  if (open < 0 || Math.max(before.lastIndexOf('}}'), before.lastIndexOf('%}')) > open) return null;
  const text = before.slice(open + 2);
  // Inside a string literal: nothing to complete.
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1 || (text.match(/'/g)?.length ?? 0) % 2 === 1) return null;
  return { opener: before.slice(open, open + 2) as '{{' | '{%', text };
}

/**
 * Completes tag names after `{%`, filters after `|`, loop properties after `forloop.`, and the
 * declared variables (with Liquid's keywords) elsewhere inside `{{ }}` and `{% %}`.
 */
export function liquidCompletions(variables: readonly Completion[]): CompletionSource {
  const expressions = [...variables, ...EXPRESSION_WORDS];
  return (context: CompletionContext): CompletionResult | null => {
    const tag = openTagBefore(context);
    if (!tag) return null;
    const word = context.matchBefore(/[\w\u00c0-\uffff]*$/);
    const from = word?.from ?? context.pos;
    // As in @codemirror/lang-liquid: the list opens on a typed word, after `forloop.`, or when asked (Ctrl-Space).
    if (from === context.pos && !context.explicit && !tag.text.endsWith('.')) return null;
    const head = tag.text.slice(0, tag.text.length - (context.pos - from));
    const loop = /(forloop|tablerowloop)\.$/.exec(head)?.[1];
    const options =
      tag.opener === '{%' && /^-?\s*$/.test(head)
        ? LIQUID_TAGS
        : /\|\s*$/.test(head)
          ? LIQUID_FILTERS
          : loop
            ? (LOOP_PROPERTIES[loop] ?? [])
            : /\.$/.test(head)
              ? []
              : expressions;
    return options.length > 0 ? { from, options, validFor: /^[\w\u00c0-\uffff]*$/ } : null;
  };
}

/** Typing `%` between `{}` writes `{%%}` with the cursor in the middle, as @codemirror/lang-liquid does. */
export function closePercentBrace(text: string, cursor: number): { text: string; cursor: number } | null {
  if (text.slice(cursor - 2, cursor + 1) !== '{%}') return null;
  return { text: `${text.slice(0, cursor)}%${text.slice(cursor)}`, cursor };
}
