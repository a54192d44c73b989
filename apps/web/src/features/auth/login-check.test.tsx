import { LoginSchema } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { zodFieldMessages } from '../../lib/form-errors';
import { checkLogin } from './login-check';

/** What the contract's schema says of the same input: its data, or its first message per field. */
const contract = (input: { email: string; password: string }) => {
  const parsed = LoginSchema.safeParse(input);
  return parsed.success ? { data: parsed.data } : { errors: zodFieldMessages(parsed.error) };
};

describe('checkLogin', () => {
  it('agrees with the contract on what a person types', () => {
    const inputs = [
      { email: '', password: '' },
      { email: 'ada', password: 'secret' },
      { email: 'ada@example', password: 'secret' },
      { email: 'ada@@example.com', password: 'secret' },
      { email: 'ada lovelace@example.com', password: 'secret' },
      { email: '.ada@example.com', password: 'secret' },
      { email: 'ada@example.com', password: '' },
      { email: '  Ada.Lovelace+fleet@Example.COM ', password: 'correct horse' },
      { email: "o'brien@sub.example.co.uk", password: ' ' },
    ];
    for (const input of inputs) expect(checkLogin(input), JSON.stringify(input)).toEqual(contract(input));
  });

  it('sends the email as the server stores it: trimmed and lowercased', () => {
    expect(checkLogin({ email: ' Ada@Example.com ', password: 'pw' })).toEqual({
      data: { email: 'ada@example.com', password: 'pw' },
    });
  });
});
