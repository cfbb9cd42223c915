import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../annotations/node/cli-common';
import { runAssignCommand } from '../../annotations/node/cli-assign';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { hashStore } from '../support/store-integrity';
import { testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  const repo = await openLowdbRepository(dir);
  await repo.addArticles(await Promise.all(['a1', 'a2', 'a3'].map((id) => testArticle(id))));
  await repo.close();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

/** Runs a command with its output captured. */
async function run(command: string, args: string[], annotator?: string) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  const code = await runAssignCommand(command, { storeDir: dir, args, annotator });
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('factmark assign, unassign and team', () => {
  it('assigns, takes back and lists, through the same operations as the app', async () => {
    expect(await run('team', [])).toEqual({ code: 0, out: 'no members and no assignments yet', err: '' });
    expect(await run('assign', ['a2', 'a1'], 'Zoë Ana')).toEqual({
      code: 0,
      out: 'Assign 2 articles to Zoë Ana, adding Zoë Ana to the team as an annotator',
      err: '',
    });
    expect((await run('assign', ['a1'], 'Zoë Ana')).out).toBe(
      'nothing to change: Zoë Ana has these articles assigned already',
    );
    expect((await run('unassign', ['a2'], 'Zoë Ana')).out).toBe('Take back 1 article from Zoë Ana');
    expect((await run('team', [])).out).toBe('Zoë Ana\tannotator\t1 assigned');
    expect(await readFile(join(dir, 'assignments.jsonl'), 'utf8')).toBe('{"annotator":"Zoë Ana","articleId":"a1"}\n');
  });

  it('refuses unknown articles (exit 1) and bad usage (a usage error), changing nothing', async () => {
    const before = await hashStore(dir);
    expect(await run('assign', ['a1', 'nope'], 'bob')).toEqual({
      code: 1,
      out: '',
      err: 'factmark: No article "nope" in the store; nothing was assigned',
    });
    await expect(run('assign', ['a1'])).rejects.toThrow(UsageError);
    await expect(run('assign', [], 'bob')).rejects.toThrow(/needs one or more article ids/);
    await expect(run('assign', ['a1'], 'gold')).rejects.toThrow(/adjudicated layer/);
    await expect(run('assign', ['../x'], 'bob')).rejects.toThrow(UsageError);
    expect(await hashStore(dir)).toEqual(before);
  });
});
