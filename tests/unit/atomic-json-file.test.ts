import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StoreUnreadableError } from '../../annotations/errors';
import { AtomicJsonFile } from '../../annotations/node/atomic-json-file';
import { parserFor } from '../../annotations/node/store-files';
import { makeTempDir } from '../support/temp-dir';

const Shape = z.object({ schemaVersion: z.literal(1), items: z.array(z.string()) });
type Shape = z.infer<typeof Shape>;

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const fileAt = (path: string) => new AtomicJsonFile<Shape>(path, parserFor(path, Shape));

/** The error `promise` rejects with, or a failure if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('AtomicJsonFile.read', () => {
  it('reads a missing file as null', async () => {
    expect(await fileAt(join(dir, 'missing.json')).read()).toBeNull();
  });

  it('parses a file written by hand and returns what the parser returns', async () => {
    const path = join(dir, 'hand.json');
    await writeFile(path, '{ "schemaVersion": 1, "items": ["a", "é"] }');
    expect(await fileAt(path).read()).toEqual({ schemaVersion: 1, items: ['a', 'é'] });
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const path = join(dir, 'bom.json');
    await writeFile(
      path,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"schemaVersion":1,"items":[]}')]),
    );
    expect(await fileAt(path).read()).toEqual({ schemaVersion: 1, items: [] });
  });

  const unreadable: [string, Buffer, RegExp][] = [
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x41, 0x7d]), /^it is not UTF-8 text$/],
    ['Latin-1 text', Buffer.from('{"schemaVersion":1,"items":["caf\xe9"]}', 'latin1'), /^it is not UTF-8 text$/],
    ['not JSON', Buffer.from('{"schemaVersion": 1, "items": ['), /^it is not valid JSON \(/],
    ['empty', Buffer.alloc(0), /^it is not valid JSON/],
    [
      'of the wrong shape',
      Buffer.from('{"schemaVersion": 1, "items": "a"}'),
      /does not have the expected shape.*at items/,
    ],
    ['of a newer version', Buffer.from('{"schemaVersion": 3, "items": []}'), /schema version 3, newer than/],
  ];

  for (const [what, bytes, reason] of unreadable) {
    it(`refuses a file that is ${what} with StoreUnreadableError, leaving its bytes as they were`, async () => {
      const path = join(dir, 'bad.json');
      await writeFile(path, bytes);
      const error = await rejection(fileAt(path).read());
      expect(error).toBeInstanceOf(StoreUnreadableError);
      const e = error as StoreUnreadableError;
      expect(e.code).toBe('store-unreadable');
      expect(e.file).toBe(path);
      expect(e.reason).toMatch(reason);
      expect(e.message).toContain(path);
      expect(e.message).toContain('kept unchanged');
      expect(await readFile(path)).toEqual(bytes);
    });
  }

  it('reports a path that is a folder as unreadable rather than missing', async () => {
    const path = join(dir, 'folder.json');
    await mkdir(path);
    const error = await rejection(fileAt(path).read());
    expect(error).toBeInstanceOf(StoreUnreadableError);
    expect((error as StoreUnreadableError).file).toBe(path);
  });
});

describe('AtomicJsonFile.write', () => {
  it('writes what read gives back, and replaces the whole file on the next write', async () => {
    const file = fileAt(join(dir, 'data.json'));
    await file.write({ schemaVersion: 1, items: ['a', 'b', 'c', 'd'] });
    expect(await file.read()).toEqual({ schemaVersion: 1, items: ['a', 'b', 'c', 'd'] });
    await file.write({ schemaVersion: 1, items: ['👍'] });
    expect(await file.read()).toEqual({ schemaVersion: 1, items: ['👍'] });
    expect(JSON.parse(await readFile(file.path, 'utf8'))).toEqual({ schemaVersion: 1, items: ['👍'] });
  });

  it('is read back by a fresh adapter for the same path', async () => {
    const path = join(dir, 'data.json');
    await fileAt(path).write({ schemaVersion: 1, items: ['x'] });
    expect(await fileAt(path).read()).toEqual({ schemaVersion: 1, items: ['x'] });
  });

  it('leaves no temporary files behind, even after many writes at once', async () => {
    const file = fileAt(join(dir, 'data.json'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => file.write({ schemaVersion: 1, items: [String(i)] })));
    expect(await readdir(dir)).toEqual(['data.json']);
    const last = await file.read();
    expect(last?.items).toHaveLength(1);
  });

  it('rejects when its folder was deleted, and does not recreate it', async () => {
    const folder = join(dir, 'store');
    await mkdir(folder);
    const file = fileAt(join(folder, 'data.json'));
    await file.write({ schemaVersion: 1, items: ['old'] });
    await rm(folder, { recursive: true });
    await expect(file.write({ schemaVersion: 1, items: ['new'] })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes its temporary and rejects with the rename error when the rename fails', async () => {
    const path = join(dir, 'data.json');
    await mkdir(join(path, 'occupied'), { recursive: true });
    const error = await rejection(fileAt(path).write({ schemaVersion: 1, items: ['x'] }));
    expect(error).toMatchObject({ syscall: 'rename', path: expect.stringMatching(/\.tmp$/) });
    expect(await readdir(dir)).toEqual(['data.json']);
    expect(await readdir(path)).toEqual(['occupied']);
  });

  it('keeps the old file intact and removes its temporary when the data cannot be serialised', async () => {
    const path = join(dir, 'data.json');
    const file = fileAt(path);
    await file.write({ schemaVersion: 1, items: ['old'] });
    const before = await readFile(path);
    const circular: Record<string, unknown> = { schemaVersion: 1 };
    circular.items = circular;
    await expect(file.write(circular as unknown as Shape)).rejects.toThrow(TypeError);
    expect(await readFile(path)).toEqual(before);
    expect(await readdir(dir)).toEqual(['data.json']);
  });
});
