import type { InputDeclaration } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { validateRunInput } from './run-input.js';

const inputs: Record<string, InputDeclaration> = {
  topic: { type: 'string', required: true },
  depth: { type: 'number', required: false, default: 2 },
  tone: { type: 'enum', required: false, options: ['dry', 'warm'] },
  tags: { type: 'list', required: false },
};

describe('validateRunInput', () => {
  it('fills defaults and leaves optional inputs without one absent', () => {
    expect(validateRunInput(inputs, { topic: 'CEL' })).toEqual({ ok: true, value: { topic: 'CEL', depth: 2 } });
  });

  it('lists missing required inputs, wrong types and undeclared inputs', () => {
    const result = validateRunInput(inputs, { depth: 'deep', tone: 'loud', tags: {}, extra: 1 });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map(({ path, code }) => `${path} ${code}`)).toEqual([
      'input.extra unknown_input',
      'input.topic missing_input',
      'input.depth invalid',
      'input.tone invalid',
      'input.tags invalid',
    ]);
  });

  it('refuses an input that is not an object', () => {
    expect(validateRunInput(inputs, ['CEL'])).toMatchObject({ ok: false, issues: [{ path: 'input', code: 'invalid' }] });
  });
});
