import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../annotations/dispatch';
import { EXPORT_FORMATS, exportFiles } from '../../annotations/formats/export-formats';
import type { ExportedFile } from '../../annotations/formats/export-input';
import { readExportInput } from '../../annotations/formats/export-input';
import { appPaths, findAppRoot } from '../../annotations/node/app-paths';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { addSampleCorpus } from '../../annotations/node/sample-corpus';
import { createHandlers } from '../../annotations/service/index';
import { makeTempDir } from '../support/temp-dir';

/**
 * The annotated sample corpus, alice's layer, exported in every format, must
 * equal the checked-in golden files byte for byte. After a deliberate format
 * change, regenerate them with `UPDATE_GOLDEN=1 npx vitest run tests/unit/golden-exports.test.ts`
 * (or `UPDATE_GOLDEN=csv,fever` for some formats only) and review the diff.
 */
const GOLDEN = join(findAppRoot(__dirname), 'tests', 'fixtures', 'golden');
const STAMP = '2026-01-02T03:04:05.000Z';
const A000 = '000_0032acaf3c30b9bc';
const A002 = '002_7feab6871f0e57f9';

let exports: Map<string, ExportedFile[]>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  let n = 0;
  const repo = await openLowdbRepository(temp.dir);
  await addSampleCorpus(repo, appPaths(findAppRoot(__dirname)).sampleDir, new Date(STAMP));
  const fixed = createHandlers(repo, { annotator: 'alice', now: () => new Date(STAMP), newId: () => `id${++n}` });
  const call = async (name: string, args: unknown) => {
    const envelope = await dispatch(fixed, name, args);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return (envelope.result as { value: { id: string } }).value.id;
  };
  const text = async (id: string) => (await repo.getArticle(id)).text;
  const tag = async (articleId: string, kind: string, quote: string, extra: object = {}) => {
    const start = (await text(articleId)).indexOf(quote);
    return call('annotations/create', { articleId, kind, start, end: start + quote.length, quote, ...extra });
  };
  const dehqan = await call('entities/create', {
    name: 'Hossein Dehqan',
    type: 'person',
    aliases: ['General Dehqan'],
    externalId: 'Q5906014',
  });
  const mou = await call('events/create', {
    title: 'Iran–Iraq defence MoU, Tehran 2017',
    type: 'agreement signing',
    date: '2017-07-23',
    place: 'Tehran',
  });
  const claim = await tag(
    A000,
    'claim',
    '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"',
    { attributes: { verdict: 'opinion', claimType: 'opinion' } },
  );
  const speaker = await tag(A000, 'speaker', 'General Dehqan', { entityId: dehqan });
  await tag(A000, 'place', 'Tehran');
  await tag(A000, 'claim', 'Iran and Iraq signed a memorandum of understanding (MoU)', {
    attributes: { verdict: 'true', checkWorthy: true },
    note: 'Confirmed by IRNA.',
  });
  await call('relations/create', {
    articleId: A000,
    type: 'said-by',
    from: claim,
    to: { kind: 'annotation', id: speaker },
  });
  const signed = await tag(A002, 'event', 'signed', { attributes: { eventType: 'agreement signing' }, eventId: mou });
  const place = await tag(A002, 'place', 'Tehran');
  await call('relations/create', {
    articleId: A002,
    type: 'place',
    from: signed,
    to: { kind: 'annotation', id: place },
  });
  await call('documentLabels/set', { articleId: A002, labels: { stance: 'neutral', reliability: 'reliable' } });
  const input = await readExportInput(repo, {
    articleIds: [A000, A002],
    scope: { layer: 'one', annotator: 'alice' },
  });
  // A discontinuous claim (its gap ", especially Daesh," is not part of it), as a brat import would bring one in.
  const second = input.articles.find((a) => a.article.id === A002)!;
  const piece = (quote: string) => {
    const start = second.article.text.indexOf(quote);
    return { start, end: start + quote.length };
  };
  const fragments = [piece('terrorist groups'), piece('were committing crimes in Iraq')];
  const { start } = fragments[0]!;
  const { end } = fragments[1]!;
  second.layer.annotations.push({
    id: 'id99',
    articleId: A002,
    annotator: 'alice',
    kind: 'claim',
    start,
    end,
    fragments,
    quote: second.article.text.slice(start, end),
    attributes: { verdict: 'mostly true', checkWorthy: null, claimType: null },
    note: '',
    entityId: null,
    eventId: null,
    createdAt: STAMP,
    updatedAt: STAMP,
  });
  exports = new Map(EXPORT_FORMATS.map((format) => [format, exportFiles(format, { ...input, guidelines: '' }, STAMP)]));
});
afterAll(() => cleanup());

describe('golden exports of the annotated sample corpus', () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format} equals the checked-in files`, async () => {
      const update = process.env.UPDATE_GOLDEN;
      for (const file of exports.get(format)!) {
        const path = join(GOLDEN, format, file.path);
        if (update === '1' || update?.split(',').includes(format)) {
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, file.content);
        }
        expect(existsSync(path), `${path} is checked in`).toBe(true);
        expect(file.content).toBe(await readFile(path, 'utf8'));
      }
    });
  }
});
