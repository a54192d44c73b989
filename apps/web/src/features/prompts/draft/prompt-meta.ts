import {
  CATEGORY_MAX_LENGTH,
  CATEGORY_PATTERN,
  PROMPT_NAME_MAX_LENGTH,
  PROMPT_NAME_PATTERN,
  RESERVED_PROMPT_NAMES,
} from '@agent-fleet/contracts/constants';

/** A new template's name and filing, as typed. */
export interface PromptMetaDraft {
  name: string;
  category: string;
  /** Comma-separated. */
  tags: string;
  description: string;
}

export type MetaErrors = Partial<Record<keyof PromptMetaDraft, string>>;

export interface PromptMeta {
  name: string;
  category: string;
  tags: string[];
  description: string;
}

export const emptyMetaDraft = (): PromptMetaDraft => ({ name: '', category: '', tags: '', description: '' });

const TAG = /^[a-z0-9][a-z0-9._-]*$/;

/** Tags from the comma-separated field: lowercased, without blanks or repeats. */
export const parseTags = (tags: string): string[] => [
  ...new Set(
    tags
      .split(',')
      .map((tag) => tag.trim().toLowerCase())
      .filter((tag) => tag !== ''),
  ),
];

export function checkTags(tags: string): string | undefined {
  const list = parseTags(tags);
  if (list.length > 20) return 'At most 20 tags';
  const bad = list.find((tag) => !TAG.test(tag) || tag.length > 50);
  return bad ? `"${bad}" is not a tag: use lowercase letters, digits, ".", "_" or "-"` : undefined;
}

// The name and folder are checked with the contract's rules, in the words of its PromptNameSchema and
// CategorySchema (prompt-meta.test.tsx holds them to those), rather than with the schemas themselves:
// those would bring the schema library (about 25 KB gzip) to the editor pages, which already carry the
// code editor. Text PostgreSQL cannot store is left to the server, whose field errors show all the same.

export function checkName(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Name is required';
  if (trimmed.length > PROMPT_NAME_MAX_LENGTH) return `Name must be at most ${PROMPT_NAME_MAX_LENGTH} characters`;
  if (!PROMPT_NAME_PATTERN.test(trimmed)) return 'Use letters, digits, ".", "_" or "-", starting with a letter or digit';
  return RESERVED_PROMPT_NAMES.includes(trimmed) ? 'This name is reserved by the API' : undefined;
}

export function checkCategory(category: string): string | undefined {
  const trimmed = category.trim();
  if (trimmed.length > CATEGORY_MAX_LENGTH) return `At most ${CATEGORY_MAX_LENGTH} characters`;
  return CATEGORY_PATTERN.test(trimmed) ? undefined : 'A folder path of lowercase segments, e.g. "support/triage"';
}

export function checkMeta(draft: PromptMetaDraft): { ok: true; meta: PromptMeta } | { ok: false; errors: MetaErrors } {
  const errors: MetaErrors = {};
  const name = checkName(draft.name);
  if (name) errors.name = name;
  const category = checkCategory(draft.category);
  if (category) errors.category = category;
  const tags = checkTags(draft.tags);
  if (tags) errors.tags = tags;
  if (draft.description.trim().length > 2000) errors.description = 'At most 2,000 characters';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    meta: {
      name: draft.name.trim(),
      category: draft.category.trim(),
      tags: parseTags(draft.tags),
      description: draft.description.trim(),
    },
  };
}
