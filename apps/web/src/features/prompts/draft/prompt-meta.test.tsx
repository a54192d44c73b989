import { CategorySchema, PromptNameSchema } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { checkCategory, checkName } from './prompt-meta';

const firstMessage = (parsed: { error?: { issues: { message: string }[] } | undefined }) => parsed.error?.issues[0]?.message;

describe('checkName and checkCategory', () => {
  it("say what the contract's PromptNameSchema says of a name", () => {
    const names = [
      '',
      '   ',
      'greeting',
      ' support.triage_v2-b ',
      'x'.repeat(100),
      'x'.repeat(101),
      '-lead',
      'a/b',
      'a b',
      'é',
      'preview',
      'import',
      'Preview',
      `${'-'.repeat(101)}`,
    ];
    for (const name of names) expect(checkName(name), JSON.stringify(name)).toBe(firstMessage(PromptNameSchema.safeParse(name)));
  });

  it("say what the contract's CategorySchema says of a folder, and refuse what it refuses", () => {
    const folders = [
      '',
      '  ',
      'support',
      'support/triage',
      ' sales/emea-2/q1_x ',
      'Support',
      'support/',
      '/support',
      'a//b',
      '-x',
      'a b',
    ];
    for (const folder of folders) expect(checkCategory(folder), folder).toBe(firstMessage(CategorySchema.safeParse(folder)));
    // Too long: both refuse it, the editor in its own words (like its other length limits).
    const long = 'a'.repeat(201);
    expect(CategorySchema.safeParse(long).success).toBe(false);
    expect(checkCategory(long)).toBe('At most 200 characters');
  });
});
