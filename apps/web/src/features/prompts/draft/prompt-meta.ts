import { CategorySchema, PromptNameSchema } from '@agent-fleet/contracts';

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

export const checkName = (name: string): string | undefined => PromptNameSchema.safeParse(name).error?.issues[0]?.message;

export const checkCategory = (category: string): string | undefined =>
  CategorySchema.safeParse(category).error?.issues[0]?.message;

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
