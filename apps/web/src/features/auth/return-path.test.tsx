import { describe, expect, it } from 'vitest';
import { loginPathFor, safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it('keeps in-app paths with their query', () => {
    expect(safeReturnPath('/agents/42?tab=runs')).toBe('/agents/42?tab=runs');
    expect(safeReturnPath('/signup?invite=abc')).toBe('/signup?invite=abc');
  });

  it('falls back to the agents for anything that could leave the app or loop', () => {
    for (const next of [
      null,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'agents',
      '/login',
      '/login?next=/x',
      '/setup',
    ]) {
      expect(safeReturnPath(next)).toBe('/agents');
    }
  });
});

describe('loginPathFor', () => {
  it('remembers where the user was, except for the home page', () => {
    expect(loginPathFor({ pathname: '/settings/members', search: '?x=1', hash: '' })).toBe(
      '/login?next=%2Fsettings%2Fmembers%3Fx%3D1',
    );
    expect(loginPathFor({ pathname: '/agents', search: '', hash: '' })).toBe('/login');
    expect(loginPathFor({ pathname: '/', search: '', hash: '' })).toBe('/login');
  });
});
