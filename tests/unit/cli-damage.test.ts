import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cli } from '../support/built-cli';
import { makeTempDir } from '../support/temp-dir';

const DAMAGED = '002_7feab6871f0e57f9';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

it('stats and export go ahead without a damaged article, name it on stderr and exit 1; validate lists it', async () => {
  expect(existsSync('dist/cli.mjs'), 'the CLI is built (npm test builds it first)').toBe(true);
  const store = join(dir, 'store');
  expect(cli('import', 'annotations/sample-corpus', '--store', store).code).toBe(0);
  const file = join(store, 'layers', DAMAGED, 'alice.json');
  await mkdir(join(store, 'layers', DAMAGED), { recursive: true });
  await writeFile(file, '{"schemaVersion": 2, "annotations": [');

  const stats = cli('stats', '--store', store);
  expect(stats.code).toBe(1);
  expect(stats.out).toMatch(/articles: 5\nannotations: 0/);
  expect(stats.err).toContain('left out 1 damaged article(s):');
  expect(stats.err).toContain(`${DAMAGED} (Iran and Iraq signed a memorandum`);
  expect(stats.err).toMatch(new RegExp(`${file.replace(/[.\\]/g, '\\$&')}: it is not valid JSON`));

  const out = join(dir, 'out');
  const exported = cli('export', '--store', store, '--format', 'doccano', '--out', out);
  expect(exported.code).toBe(1);
  expect(exported.out).toContain('for 4 article(s)');
  expect(exported.err).toContain(`${DAMAGED} (Iran and Iraq signed a memorandum`);
  const lines = (await readFile(join(out, 'doccano.jsonl'), 'utf8')).trimEnd().split('\n');
  expect(lines).toHaveLength(4);
  expect(lines.some((l) => l.includes('memorandum of understanding (MoU) to boost'))).toBe(false);
  // An export of other articles leaves nothing out.
  expect(
    cli('export', '--store', store, '--format', 'doccano', '--out', out, '--articles', '000_0032acaf3c30b9bc').code,
  ).toBe(0);

  const validate = cli('validate', '--store', store);
  expect(validate.code).toBe(1);
  expect(validate.out).toContain(`${DAMAGED}: Cannot read store file ${file}: it is not valid JSON`);
  // Nothing was written over.
  expect(await readFile(file, 'utf8')).toBe('{"schemaVersion": 2, "annotations": [');
});
