import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, Handlers } from '../../annotations/contract';
import { startWebServer } from '../../annotations/node/http-server';
import { openWorkspace } from '../../annotations/node/workspace';
import type { OperationName } from '../../annotations/operation-names';
import { OPERATION_NAMES } from '../../annotations/operation-names';
import type { Fixture } from '../support/contract-arguments';
import {
  addFixture,
  build,
  FIRST,
  jsonText,
  loneSurrogate,
  pathsOf,
  plans,
  VALID,
} from '../support/contract-arguments';
import { makeTempDir } from '../support/temp-dir';

/**
 * Random and mutated arguments for every operation, sent over HTTP to a
 * server on a fresh store with the sample corpus. Whatever comes, the reply is
 * never a 5xx, it is a well-formed envelope, and a refusal leaves every byte
 * of the store as it was. Replay a failure with FACTMARK_FUZZ_SEED (fast-check prints
 * the seed and the counterexample); FACTMARK_FUZZ_RUNS sets the runs per operation.
 */

const SEED = Number(process.env.FACTMARK_FUZZ_SEED ?? 20261130);
/** Runs per operation: FACTMARK_FUZZ_RUNS, or 20 and two more per field of its valid arguments (up to 60 in all). */
const runsFor = (valid: unknown) =>
  process.env.FACTMARK_FUZZ_RUNS
    ? Number(process.env.FACTMARK_FUZZ_RUNS)
    : Math.min(60, 20 + 2 * pathsOf(valid).fields.length);
const SAMPLE_DIR = fileURLToPath(new URL('../../annotations/sample-corpus', import.meta.url));
const ERROR_CODES = ['invalid-argument', 'unknown-operation', 'not-found', 'conflict', 'store-unreadable', 'internal'];
/** Not the store's content: the lock's folder is touched to keep it fresh, and backups are the previous versions. */
const IGNORED = new Set(['store.lock', 'backup']);

/** Path and SHA-256 of every file (and the name of every folder) under the store, lock and backups aside. */
async function snapshot(storeDir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const folders = [storeDir];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const name = relative(storeDir, path);
      if (folder === storeDir && IGNORED.has(entry.name)) continue;
      if (entry.isDirectory()) {
        found[`${name}/`] = 'folder';
        folders.push(path);
      } else
        found[name] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  }
  return found;
}

/** Inputs this test once found answered with a 500, kept as cases of their own. */
const FOUND_BUGS: {
  operation: OperationName;
  reason: string;
  example: (fixture: Fixture) => unknown;
}[] = [
  {
    operation: 'history/apply',
    reason: 'a change whose before and after are both null: the handler reads a property of null (500)',
    example: () => ({
      changeSet: { label: 'x', changes: [{ type: 'annotation', articleId: FIRST, before: null, after: null }] },
      direction: 'undo',
    }),
  },
  {
    operation: 'history/apply',
    reason:
      'an entity or event change with an articleId is taken for an article change: reads .annotations of undefined (500)',
    example: (fixture) => ({
      changeSet: { label: 'x', changes: [{ type: 'entity', articleId: FIRST, before: null, after: fixture.entity }] },
      direction: 'undo',
    }),
  },
];

interface Open {
  server: Server;
  url: string;
  storeDir: string;
  handlers: Handlers;
  close: () => Promise<void>;
}
let current: Open | null = null;

async function openFuzzStore(): Promise<Open> {
  const { dir, cleanup } = await makeTempDir('factmark-fuzz-');
  const storeDir = join(dir, 'store');
  const workspace = await openWorkspace({ storeDir, annotator: 'alice', sampleDir: SAMPLE_DIR });
  const { server, url } = await startWebServer({ handlers: workspace.handlers, staticDir: join(dir, 'no-renderer') });
  const close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await workspace.close();
    await cleanup();
  };
  return { server, url, storeDir, handlers: workspace.handlers, close };
}

afterEach(async () => {
  await current?.close();
  current = null;
});

async function post(url: string, operation: string, body: string | Uint8Array) {
  const response = await fetch(`${url}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: response.status, text: await response.text() };
}

/** Posts a body and checks the reply: never a 5xx, a well-formed envelope, and a refusal leaves the store as it was. */
async function sendAndCheck(url: string, storeDir: string, operation: string, body: string | Uint8Array) {
  const before = await snapshot(storeDir);
  const { status, text } = await post(url, operation, body);
  expect(status, text.slice(0, 500)).toBeLessThan(500);
  const envelope = JSON.parse(text) as { ok: unknown; result?: unknown; error?: { code: unknown; message: unknown } };
  if (envelope.ok === true) {
    expect(status).toBe(200);
    expect('result' in envelope).toBe(true);
    return;
  }
  expect(envelope.ok).toBe(false);
  expect(status).toBeGreaterThanOrEqual(400);
  expect(ERROR_CODES).toContain(envelope.error?.code);
  expect(typeof envelope.error?.message).toBe('string');
  expect((envelope.error?.message as string).length).toBeGreaterThan(0);
  const { code, message } = envelope.error as { code: string; message: string };
  expect(await snapshot(storeDir), `${code}: ${message}`).toEqual(before);
}

describe('every operation over HTTP, with random and mutated arguments', () => {
  it.each(OPERATION_NAMES)(
    '%s: no 5xx, a well-formed envelope, and a refusal changes no byte of the store',
    async (operation) => {
      current = await openFuzzStore();
      const { url, storeDir, handlers } = current;
      const valid = VALID[operation](await addFixture(handlers, operation));
      // The valid example is accepted as it is (or refused for the store's state): the mutations start from sound ground.
      const first = JSON.parse((await post(url, operation, JSON.stringify(valid))).text) as Envelope;
      expect(first.ok || first.error.code !== 'invalid-argument', JSON.stringify(first)).toBe(true);

      await fc.assert(
        fc.asyncProperty(plans(valid), async (plan) => {
          await sendAndCheck(url, storeDir, operation, jsonText(build(valid, plan)));
        }),
        { seed: SEED, numRuns: runsFor(valid) },
      );
    },
  );

  it('answers bodies that are not JSON arguments at all: random text, bytes and JSON documents', async () => {
    current = await openFuzzStore();
    const { url, storeDir } = current;
    const bodies = fc.oneof(
      fc.string({ unit: fc.oneof(loneSurrogate, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }),
      fc.uint8Array({ maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
    );
    const operations = fc.constantFrom('annotations/create', 'history/apply', 'import/files', 'tagset/update');
    await fc.assert(
      fc.asyncProperty(operations, bodies, (operation, body) => sendAndCheck(url, storeDir, operation, body)),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('inputs once answered with a 500', () => {
  for (const bug of FOUND_BUGS) {
    it(`${bug.operation}: refused with the store unchanged, whatever the status: ${bug.reason}`, async () => {
      current = await openFuzzStore();
      const args = bug.example(await addFixture(current.handlers));
      const before = await snapshot(current.storeDir);
      const { text } = await post(current.url, bug.operation, JSON.stringify(args));
      expect((JSON.parse(text) as Envelope).ok).toBe(false);
      expect(await snapshot(current.storeDir)).toEqual(before);
    });

    it(`${bug.operation}: no 5xx: ${bug.reason}`, async () => {
      current = await openFuzzStore();
      const args = bug.example(await addFixture(current.handlers));
      const { status, text } = await post(current.url, bug.operation, JSON.stringify(args));
      expect(status, text).toBeLessThan(500);
    });
  }
});
