import { describe, expect, it } from 'vitest';
import { createInMemoryResolver } from './index.js';

describe('createInMemoryResolver', () => {
  const resolver = createInMemoryResolver([
    { name: 'a', version: 1, body: 'one', labels: ['production'] },
    { name: 'a', version: 2, body: 'two' },
    { name: 'b', version: 1, body: 'b1', labels: ['latest'] },
    { name: 'b', version: 2, body: 'b2' },
  ]);

  it('resolves labels, versions, and latest as the highest version by default', async () => {
    await expect(resolver.resolve({ name: 'a', selector: { label: 'production' } })).resolves.toEqual({
      name: 'a',
      version: 1,
      body: 'one',
    });
    await expect(resolver.resolve({ name: 'a', selector: { version: 2 } })).resolves.toEqual({
      name: 'a',
      version: 2,
      body: 'two',
    });
    await expect(resolver.resolve({ name: 'a', selector: { label: 'latest' } })).resolves.toMatchObject({ version: 2 });
  });

  it('lets an explicit latest label win over the highest version', async () => {
    await expect(resolver.resolve({ name: 'b', selector: { label: 'latest' } })).resolves.toMatchObject({ version: 1 });
  });

  it('returns null for unknown names, labels and versions', async () => {
    await expect(resolver.resolve({ name: 'c', selector: { label: 'latest' } })).resolves.toBeNull();
    await expect(resolver.resolve({ name: 'a', selector: { label: 'staging' } })).resolves.toBeNull();
    await expect(resolver.resolve({ name: 'a', selector: { version: 9 } })).resolves.toBeNull();
  });
});
