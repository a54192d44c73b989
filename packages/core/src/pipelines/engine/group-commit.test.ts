import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A fake transaction log: each commit records the group it ran; a piece named 'bad' fails its group. */
function recorder() {
  const groups: string[][] = [];
  let release: (() => void) | null = null;
  const commit = async (works: readonly string[]) => {
    // The first transaction stays open until released, so the next pieces queue behind it.
    if (groups.length === 0) await new Promise<void>((resolve) => (release = resolve));
    if (works.includes('bad')) throw new Error(`rolled back: ${works.join(',')}`);
    groups.push([...works]);
    return works.map((work) => `${work}!`);
  };
  return { groups, commit, release: () => release?.() };
}

describe('GroupCommit', () => {
  it('runs a lone piece at once, and the pieces that arrive meanwhile together in the next transaction', async () => {
    const log = recorder();
    const commits = new GroupCommit(log.commit, { maxGroup: 100, parallel: 1 });
    const first = commits.submit<string>('a');
    const rest = ['b', 'c', 'd'].map((work) => commits.submit<string>(work));
    log.release();
    expect(await first).toBe('a!');
    expect(await Promise.all(rest)).toEqual(['b!', 'c!', 'd!']);
    expect(log.groups).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('takes at most maxGroup pieces per transaction, in arrival order', async () => {
    const log = recorder();
    const commits = new GroupCommit(log.commit, { maxGroup: 2, parallel: 1 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((work) => commits.submit<string>(work));
    log.release();
    await Promise.all(all);
    expect(log.groups).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('runs a group that failed again one piece at a time: only the failing piece fails', async () => {
    const log = recorder();
    const commits = new GroupCommit(log.commit, { maxGroup: 100, parallel: 1 });
    const first = commits.submit<string>('a');
    const rest = ['b', 'bad', 'c'].map((work) => commits.submit<string>(work).catch((error: Error) => error.message));
    log.release();
    await first;
    expect(await Promise.all(rest)).toEqual(['b!', 'rolled back: bad', 'c!']);
    // The group [b, bad, c] was rolled back: nothing of it was recorded, then each piece ran alone.
    expect(log.groups).toEqual([['a'], ['b'], ['c']]);
  });
});
