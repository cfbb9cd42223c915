import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cli } from '../support/built-cli';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

it('imports a folder, reports stats, validates, exports, and says what is wrong with exit codes', async () => {
  expect(existsSync('dist/cli.mjs'), 'the CLI is built (npm test builds it first)').toBe(true);
  const store = join(dir, 'store');
  const imported = cli('import', 'annotations/sample-corpus', '--store', store);
  expect(imported.code).toBe(0);
  expect(imported.out).toContain('sample-corpus/000_0032acaf3c30b9bc.txt: imported 1');
  expect(cli('import', 'annotations/sample-corpus', '--store', store).out).toContain('1 already in the store');

  const stats = cli('stats', '--store', store);
  expect(stats.out).toMatch(/articles: 5\nannotations: 0/);
  expect(cli('validate', '--store', store)).toMatchObject({
    code: 0,
    out: expect.stringContaining('valid: no problems found'),
  });

  // Every article, as the gold layer (empty here) asked for whether adjudicated or not: all tokens O.
  const exported = cli(
    'export',
    '--store',
    store,
    '--format',
    'conll',
    '--scope',
    'gold',
    '--include-unadjudicated',
    '--out',
    join(dir, 'out'),
  );
  expect(exported.code).toBe(0);
  expect(await readFile(join(dir, 'out', 'iob2.conll'), 'utf8')).toContain('ISIS\tO');

  // A layer whose quote no longer matches its article.
  const layer = join(store, 'layers', '000_0032acaf3c30b9bc', 'x.json');
  const stamp = '2026-01-01T00:00:00.000Z';
  await mkdir(join(store, 'layers', '000_0032acaf3c30b9bc'), { recursive: true });
  await writeFile(
    layer,
    JSON.stringify({
      schemaVersion: 2,
      articleId: '000_0032acaf3c30b9bc',
      annotator: 'x',
      relations: [],
      documentLabels: [],
      annotations: [
        {
          id: 'a1',
          articleId: '000_0032acaf3c30b9bc',
          annotator: 'x',
          kind: 'claim',
          start: 0,
          end: 4,
          quote: 'IRAN',
          attributes: {},
          createdAt: stamp,
          updatedAt: stamp,
        },
      ],
    }),
  );
  const invalid = cli('validate', '--store', store);
  expect(invalid.code).toBe(1);
  expect(invalid.out).toMatch(/000_0032acaf3c30b9bc: annotation a1 \(claim 0–4\): Quote does not match/);

  expect(cli('export', '--store', store, '--format', 'docx', '--out', dir)).toMatchObject({
    code: 2,
    err: expect.stringMatching(/--format must be one of/),
  });
  expect(cli('frobnicate').code).toBe(2);
  expect(cli('--help')).toMatchObject({ code: 0, out: expect.stringContaining('Usage:') });
  await writeFile(join(store, 'index.json'), '{ broken');
  expect(cli('stats', '--store', store)).toMatchObject({
    code: 3,
    err: expect.stringMatching(/index\.json.*not valid JSON/),
  });
});

it('exits 2, with a pointer to --help, when a flag is unknown or misses its value', () => {
  const store = join(dir, 'store');
  const usage = [
    ['import', 'annotations/sample-corpus', '--store', '--annotator', 'bob'],
    ['import', 'annotations/sample-corpus', '--annotator', 'bob', '--store'],
    ['stats', '--store'],
    ['stats', '--store', store, '--help=yes'],
    ['stats', '--store', store, '--colour'],
  ];
  for (const args of usage)
    expect(cli(...args), args.join(' ')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^factmark: .*--(store|help|colour)[\s\S]*Run "factmark --help" for usage\.\n$/),
    });
  expect(existsSync(store), 'nothing was imported').toBe(false);
});
