import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportFile, ImportReport, SessionStatus } from '../../annotations/contract';
import type { Annotation, ArticleLayer, Entity } from '../../annotations/model';
import type { Tagset } from '../../annotations/tagset';
import type { Payload } from '../support/brat-layers';
import {
  asPayload,
  BRAT_CORPORA,
  bratExportProblems,
  corpusFiles,
  exportedFiles,
  layerShape,
} from '../support/brat-layers';
import { hashStore } from '../support/store-integrity';
import { makeTempDir } from '../support/temp-dir';
import type { RawSend } from './contract-cases';
import { ok } from './contract-cases';
import { direct } from './transports';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A store with the sample corpus and the default tagset, its folder, and a way to close it early. */
async function store() {
  const temp = await makeTempDir();
  cleanups.push(temp.cleanup);
  const dir = join(temp.dir, 'store');
  const t = await direct(dir);
  let open = true;
  const close = async () => {
    if (open) await t.close();
    open = false;
  };
  cleanups.push(close);
  return { send: t.send, dir, close };
}

type Options = { annotator?: string; extendTagset?: boolean; map?: Record<string, string | null>; dryRun?: boolean };
const importBrat = (send: RawSend, files: Payload[], options: Options = {}) =>
  ok<ImportReport>(send, 'import/files', { format: 'brat', files, ...options });
const layerOf = (send: RawSend, articleId: string) => ok<ArticleLayer>(send, 'annotations/list', { articleId });
const tagsetOf = async (send: RawSend) => (await ok<SessionStatus>(send, 'store/status', {})).tagset as Tagset;
const byFile = (report: ImportReport): Record<string, ImportReport['files'][number]> =>
  Object.fromEntries(report.files.map((f) => [f.file.split('/').pop(), f]));
const mine = (layer: ArticleLayer, who: string) => layer.annotations.filter((a) => a.annotator === who);
const quoteOf = (layer: ArticleLayer, id: string) => layer.annotations.find((a) => a.id === id)?.quote;

/**
 * Exports the articles with brat, checks every .ann against the export's own
 * annotation.conf, imports the export into `into` as `annotator`, and
 * compares each article's layer with the original, ids aside.
 */
async function roundTrip(send: RawSend, articleIds: string[], from: string, into = send, annotator = 'bob') {
  const file = await ok<ExportFile>(send, 'export/file', { format: 'brat', articleIds, scope: { layer: 'all' } });
  const files = exportedFiles(file);
  expect(bratExportProblems(files)).toEqual([]);
  const report = await importBrat(into, asPayload(files, 'export/'), { annotator, extendTagset: true });
  expect(report.files.flatMap((f) => f.skipped)).toEqual([]);
  const [before, after] = [await tagsetOf(send), await tagsetOf(into)];
  for (const id of articleIds)
    expect(layerShape(await layerOf(into, id), annotator, after), id).toEqual(
      layerShape(await layerOf(send, id), from, before),
    );
  return files;
}

describe('brat collections import whole, export valid, and come back the same', () => {
  it('a news collection with its annotation.conf: every T, E, R, *, A, M, N and # accounted for', async () => {
    const s = await store();
    const report = await importBrat(s.send, await corpusFiles('news'), { extendTagset: true });
    const files = byFile(report);
    expect(report.files.map((f) => f.skipped)).toEqual([[], [], []]);
    // 11 T; links: E1 2 roles, E2 2 (an event argument, defined later in the file), 3 R, one * of two.
    expect(files['001-merger.ann']?.added).toEqual({
      articles: 1,
      annotations: { GPE: 3, Report: 1, Organization: 4, 'Merge-org': 1, Person: 2 },
      links: 8,
      entities: 2,
      events: 0,
    });
    // 17 T and a second trigger for E2, which shares T5 with E1; links: 13 roles and 2 R.
    expect(files['002-deals.ann']?.added).toMatchObject({ annotations: expect.any(Object), links: 15, entities: 0 });
    expect(Object.values(files['002-deals.ann']!.added.annotations).reduce((a: number, b: number) => a + b)).toBe(18);
    expect(files['003-unannotated.ann']?.added).toMatchObject({ articles: 1, annotations: {}, links: 0 });
    expect(files['001-merger.ann']?.tagsetAdded).toEqual(
      expect.arrayContaining(['GPE', 'Report', 'Merge-org', 'Org-Arg', 'Event-Arg', 'Alias', 'Employment']),
    );
    expect(files['001-merger.ann']?.labels).toContainEqual({
      label: 'Org-Arg',
      role: 'relation',
      count: 2,
      fate: 'new',
      becomes: 'Org-Arg',
    });

    const tagset = await tagsetOf(s.send);
    const kind = (k: string) => tagset.kinds.find((x) => x.kind === k)!;
    // From annotation.conf and visual.conf: event kinds, labels, colours, attributes, the equivalence.
    expect(kind('Merge-org')).toMatchObject({ linksEvent: true, label: 'Merge org', hotkey: null });
    expect(kind('GPE')).toMatchObject({ label: 'Geo-political entity', color: '#ffdd22', linksEntity: true });
    expect(kind('Person').attributes).toEqual([
      { name: 'Individual', label: 'Individual', type: 'boolean', default: null, required: false },
      {
        name: 'Mention',
        label: 'Mention',
        type: 'choice',
        options: ['Name', 'Nominal', 'Other'],
        default: null,
        required: false,
      },
    ]);
    expect(tagset.relations.find((r) => r.type === 'Alias')).toMatchObject({ equivalence: true, from: ['Person'] });
    expect(tagset.relations.find((r) => r.type === 'Org-Arg')?.from).toEqual(['Merge-org']);

    const merger = await layerOf(s.send, '001-merger');
    const at = (q: string, n = 0) => merger.annotations.filter((a) => a.quote === q)[n]!;
    expect(at('Anna Lindqvist').attributes).toEqual({ Individual: true, Mention: 'Name' });
    // Not given by the file: unset, not false and not a default.
    expect(at('Lindqvist').attributes).toEqual({ Individual: null, Mention: 'Name' });
    expect(at('merger').attributes).toEqual({ Negation: null, Confidence: 'High' });
    expect(at('reported').attributes).toEqual({ Negation: true, Confidence: null });
    expect(at('merger').note).toBe('Approval of the merger, not its completion.');
    expect(at('Kestrel Capital').note).toBe('Also written Kestrel Capital Partners.\nCheck the full name.');
    const link = (type: string) => merger.relations.filter((r) => r.type === type);
    expect(link('Employment')[0]?.note).toBe('Stated in the second sentence.');
    expect(link('Event-Arg').map((r) => [quoteOf(merger, r.from), quoteOf(merger, r.to.id)])).toEqual([
      ['reported', 'merger'],
    ]);
    expect(link('Alias').map((r) => [quoteOf(merger, r.from), quoteOf(merger, r.to.id)])).toEqual([
      ['Anna Lindqvist', 'Lindqvist'],
    ]);
    const entities = await ok<Entity[]>(s.send, 'entities/list', {});
    expect(entities.find((e) => e.id === at('Anna Lindqvist').entityId)).toMatchObject({
      name: 'Anna Lindqvist',
      type: 'person',
      externalId: 'Wikipedia:4473902',
    });
    expect(entities.find((e) => e.id === at('Stockholm').entityId)).toMatchObject({ type: 'place' });

    const deals = await layerOf(s.send, '002-deals');
    const merged = deals.annotations.filter((a) => a.quote === 'merged');
    expect(merged.map((a) => a.id)).toEqual(['002-deals.alice.T5', '002-deals.alice.E2']);
    expect(merged.map((a) => a.attributes.Confidence)).toEqual(['Neutral', 'Neutral']);
    expect(merged[1]?.note).toBe('One trigger, two merge events.');
    const orgs = (id: string) =>
      deals.relations.filter((r) => r.from === id && r.type === 'Org-Arg').map((r) => quoteOf(deals, r.to.id));
    expect([orgs(merged[0]!.id), orgs(merged[1]!.id)]).toEqual([
      ['Orbis', 'Talon'],
      ['Vantel', 'Quorra'],
    ]);
    expect(deals.annotations.find((a) => a.id === '002-deals.alice.T12')?.attributes.Negation).toBe(true);

    const exported = await roundTrip(s.send, ['001-merger', '002-deals', '003-unannotated'], 'alice');
    const ann = exported.find((f) => f.path === '002-deals.ann')!.content;
    expect(ann).toMatch(/^E\d+\tMarry:T\d+ Person-Arg:T\d+ Person-Arg2:T\d+ Place-Arg:T\d+$/m);
    expect(ann).toMatch(/^E\d+\tReport:T\d+ Reporter-Arg:T\d+ Event-Arg:E\d+$/m);
    expect(exported.find((f) => f.path === '001-merger.ann')!.content).toMatch(/^\*\tAlias T\d+ T\d+$/m);
  });

  it('CoNLL-2002 with a label map: PER, LOC and ORG mapped, MISC left out and counted; unmapped labels refuse', async () => {
    const s = await store();
    const map = JSON.parse(await readFile(join(BRAT_CORPORA, 'conll2002', 'label-map.json'), 'utf8'));
    const before = await hashStore(s.dir);
    const refused = await importBrat(s.send, await corpusFiles('conll2002'));
    expect(refused.files.map((f) => f.skipped)).toEqual([
      [
        `labels the tagset does not have: "LOC" (3 spans), "ORG" (3 spans), "PER" (1 span), "MISC" (1 span); map them to the tagset's (the import dialog's label step, or --map FILE) or add them to it (--extend-tagset)`,
      ],
      [expect.stringMatching(/^labels the tagset does not have: "LOC" \(1 span\), "ORG" \(3 spans\)/)],
    ]);
    // The labels are reported even so, for the label step.
    expect(refused.files[0]?.labels?.map((l) => `${l.label} ${l.count} ${l.fate}`)).toEqual([
      'LOC 3 unknown',
      'ORG 3 unknown',
      'PER 1 unknown',
      'MISC 1 unknown',
    ]);
    await s.close();
    expect(await hashStore(s.dir)).toEqual(before);

    const t = await store();
    const report = await importBrat(t.send, await corpusFiles('conll2002'), { map });
    expect(report.files.map((f) => f.skipped)).toEqual([[], []]);
    expect(report.files[0]?.added.annotations).toEqual({ place: 3, organisation: 3, person: 1 });
    expect(report.files[1]?.added.annotations).toEqual({ place: 1, organisation: 3, person: 1 });
    expect(report.files[0]?.labels).toContainEqual({
      label: 'MISC',
      role: 'span',
      count: 1,
      fate: 'dropped',
      becomes: null,
    });
    expect(report.files[0]?.imported).toContain('left out as the label map says: 1 annotations and 0 links');
    const layer = await layerOf(t.send, 'esp-train-0001');
    expect(layer.annotations.map((a) => `${a.kind} ${a.quote}`)).toContain('person Juan Villalonga');
    expect(layer.annotations.map((a) => a.attributes)).toContainEqual({});
    await roundTrip(t.send, ['esp-train-0001', 'esp-train-0002'], 'alice');
  });

  it('a dry run reports every file, its labels and what the tagset would gain, and saves nothing', async () => {
    const s = await store();
    const before = await hashStore(s.dir);
    const report = await importBrat(s.send, await corpusFiles('conll2002'), { extendTagset: true, dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.files.map((f) => [f.file, f.tagsetAdded, f.labels?.map((l) => `${l.label}:${l.fate}`)])).toEqual([
      ['conll2002/esp-train-0001.ann', ['LOC', 'ORG', 'PER', 'MISC'], ['LOC:new', 'ORG:new', 'PER:new', 'MISC:new']],
      ['conll2002/esp-train-0002.ann', ['LOC', 'ORG', 'MISC', 'PER'], ['LOC:new', 'ORG:new', 'MISC:new', 'PER:new']],
    ]);
    expect(report.files[0]?.added.annotations).toEqual({ LOC: 3, ORG: 3, PER: 1, MISC: 1 });
    await s.close();
    expect(await hashStore(s.dir)).toEqual(before);
  });

  it('NCBI-disease: mentions normalised to MeSH and OMIM link one entity per id; a second id on one mention is reported', async () => {
    const s = await store();
    const report = await importBrat(s.send, await corpusFiles('ncbi-disease'), { extendTagset: true });
    expect(report.files.map((f) => f.skipped)).toEqual([
      [
        'line 8: normalisation N2 (MESH:D010051) left out: T1 links to the entity of line 7 already, and a mention links to one entity',
      ],
      [],
    ]);
    expect(report.files.map((f) => f.added.entities)).toEqual([6, 2]);
    const tagset = await tagsetOf(s.send);
    for (const k of ['SpecificDisease', 'DiseaseClass', 'Modifier', 'CompositeMention'])
      expect(tagset.kinds.find((x) => x.kind === k)?.linksEntity, k).toBe(true);
    const entities = await ok<Entity[]>(s.send, 'entities/list', {});
    const layer = await layerOf(s.send, 'PMID-9012345');
    const entityOf = (q: string) =>
      entities.find((e) => e.id === layer.annotations.find((a) => a.quote === q)?.entityId);
    expect(entityOf('HNPCC')).toMatchObject({ externalId: 'MESH:D003123', type: 'other' });
    expect(entityOf('HNPCC')).toBe(entityOf('Hereditary nonpolyposis colorectal cancer'));
    expect(entityOf('Myotonic dystrophy')?.externalId).toBe('OMIM:160900');
    // The same MeSH id in the other abstract: the entity made for it then.
    const first = await layerOf(s.send, 'PMID-8896551');
    expect(entityOf('colorectal cancer')?.id).toBe(
      first.annotations.find((a) => a.quote === 'colorectal cancer')?.entityId,
    );
    const files = await roundTrip(s.send, ['PMID-8896551', 'PMID-9012345'], 'alice');
    expect(files.find((f) => f.path === 'PMID-9012345.ann')?.content).toMatch(
      /^N\d+\tReference T4 OMIM:160900\tMyotonic dystrophy 1$/m,
    );
    expect(entities).toHaveLength(8);
    expect(await ok<Entity[]>(s.send, 'entities/list', {})).toHaveLength(8);
  });

  it('discontinuous spans keep their fragments (never widened); a span brat split at a line break is one span', async () => {
    const s = await store();
    const report = await importBrat(s.send, await corpusFiles('discontinuous'), { extendTagset: true });
    expect(report.files.map((f) => f.skipped)).toEqual([
      [
        'line 9: attribute Certain of relation R1 left out (Factmark links carry no attributes)',
        'line 10: note #1 on A1 left out (Factmark keeps notes on annotations and links)',
      ],
      [],
    ]);
    const layer = await layerOf(s.send, 'note-01');
    const byId = (n: number) => layer.annotations.find((a) => a.id === `note-01.alice.T${n}`)!;
    const shape = (a: Annotation) => [a.start, a.end, a.fragments ?? null, a.quote];
    expect(shape(byId(1))).toEqual([
      4,
      24,
      [
        { start: 4, end: 8 },
        { start: 19, end: 24 },
      ],
      'left and right lungs',
    ]);
    expect(shape(byId(3))).toEqual([45, 67, null, 'pain in the\nlower back']);
    expect(byId(4).fragments).toEqual([
      { start: 45, end: 49 },
      { start: 72, end: 76 },
    ]);
    expect(byId(5).attributes).toEqual({ Negated: true });
    expect(byId(4).attributes).toEqual({ Negated: null });
    const files = await roundTrip(s.send, ['note-01', 'note-02'], 'alice');
    const ann = files.find((f) => f.path === 'note-01.ann')!.content;
    expect(ann).toMatch(/^T1\tAnatomy 4 8;19 24\tleft lungs$/m);
    expect(ann).toMatch(/^T3\tFinding 45 56;57 67\tpain in the lower back$/m);
  });
});

describe('every line of a brat file is accounted for', () => {
  for (const corpus of ['news', 'conll2002', 'ncbi-disease', 'discontinuous'])
    it(`${corpus}: T, E, R, *, A, M, N and # lines each become a record, a value, a link or a note, or are said to be left out`, async () => {
      const s = await store();
      const files = await corpusFiles(corpus);
      const report = await importBrat(s.send, files, { extendTagset: true });
      for (const ann of files.filter((f) => f.name.endsWith('.ann'))) {
        const lines = Buffer.from(ann.content, 'base64')
          .toString('utf8')
          .split('\n')
          .filter((l) => l.trim());
        const starts = (c: string) => lines.filter((l) => l.startsWith(c));
        const fileReport = report.files.find((f) => f.file === ann.name)!;
        const leftOut = (what: string) => fileReport.skipped.filter((r) => r.includes(what)).length;
        const layer = await layerOf(
          s.send,
          ann.name
            .split('/')
            .pop()!
            .replace(/\.ann$/, ''),
        );
        const words = (l: string) => l.split('\t')[1]!.split(' ');
        const triggers = starts('E').map((l) => words(l)[0]!.split(':')[1]);
        // One annotation per T line, and one more for each further event on a trigger already taken.
        expect(layer.annotations.length, ann.name).toBe(starts('T').length + triggers.length - new Set(triggers).size);
        const links =
          starts('E').reduce((n, l) => n + words(l).length - 1, 0) +
          starts('R').length +
          starts('*').reduce((n, l) => n + words(l).length - 2, 0);
        expect(layer.relations.length, ann.name).toBe(links);
        const values = layer.annotations.flatMap((a) =>
          Object.values(a.attributes).flatMap((v) => (v === null ? [] : Array.isArray(v) ? v : [v])),
        );
        expect(values.length + leftOut('attribute '), ann.name).toBe(starts('A').length + starts('M').length);
        const linked = layer.annotations.filter((a) => a.entityId !== null).length;
        const targets = new Set(starts('N').map((l) => words(l)[1]));
        expect(linked, ann.name).toBe(targets.size);
        expect(targets.size + leftOut('normalisation '), ann.name).toBe(starts('N').length);
        const noteLines = [...layer.annotations, ...layer.relations]
          .map((r) => r.note ?? '')
          .filter((n) => n !== '')
          .reduce((n, note) => n + note.split('\n').length, 0);
        expect(noteLines + leftOut('note '), ann.name).toBe(starts('#').length);
      }
    });
});

describe('brat inputs that cannot be read are refused, and change nothing', () => {
  it('a .ann that is not UTF-8, or binary, is refused saying where; a CRLF .txt too', async () => {
    const s = await store();
    const before = await hashStore(s.dir);
    const crlf = [
      { name: 'crlf.txt', content: Buffer.from('Madrid hoy.\r\nSevilla.\r\n').toString('base64') },
      { name: 'crlf.ann', content: Buffer.from('T1\tLOC 0 6\tMadrid\n').toString('base64') },
    ];
    const report = await importBrat(s.send, [...(await corpusFiles('broken')), ...crlf], { extendTagset: true });
    expect(report.files.map((f) => [f.file, f.skipped, f.labels])).toEqual([
      [
        'broken/binary.ann',
        ['binary, not a brat .ann: it holds a NUL byte (line 1, byte 4); a .ann is UTF-8 text'],
        [],
      ],
      ['broken/latin1.ann', ['not UTF-8 text: byte 0xE9 at line 1 (byte 16) is not UTF-8; save the .ann as UTF-8'], []],
      [
        'crlf.ann',
        ['crlf.txt has Windows line endings; offsets would not match once normalised'],
        [{ label: 'LOC', role: 'span', count: 1, fate: 'new', becomes: 'LOC' }],
      ],
    ]);
    expect(report.files.every((f) => f.added.articles === 0 && f.tagsetAdded === undefined)).toBe(true);
    await s.close();
    expect(await hashStore(s.dir)).toEqual(before);
  });

  it('a wrong line refuses its file whole, by line: an event whose trigger is of another type, a normalisation the kind cannot hold', async () => {
    const s = await store();
    const text = 'Alice met Bob in Paris.';
    const files = (ann: string) => [
      { name: 'doc.txt', content: Buffer.from(text).toString('base64') },
      { name: 'doc.ann', content: Buffer.from(ann).toString('base64') },
    ];
    const before = await hashStore(s.dir);
    const bad = await importBrat(
      s.send,
      files(
        'T1\tevent 6 9\tmet\nT2\tperson 0 5\tAlice\nE1\tmeeting:T1 agent:T2\nT3\tclaim 17 22\tParis\nN1\tReference T3 Wikidata:Q90\tParis\n',
      ),
    );
    expect(bad.files[0]?.skipped).toEqual([
      'line 3: E1 is a meeting, but its trigger T1 is a event',
      'line 5: T3 is a claim, whose mentions do not link to entities; let claim link entities in the tagset, or import with --extend-tagset',
    ]);
    await s.close();
    expect(await hashStore(s.dir)).toEqual(before);
  });
});

describe('brat layers: each annotator’s stays whole', () => {
  const TEXT = 'Minister Dehqan said Iran and Iraq signed a memorandum in Tehran.';
  const pair = (ann: string) => [
    { name: 'doc.txt', content: Buffer.from(TEXT).toString('base64') },
    { name: 'doc.ann', content: Buffer.from(ann).toString('base64') },
  ];
  const alice =
    'T1\tspeaker 0 15\tMinister Dehqan\nT2\tclaim 21 64\tIran and Iraq signed a memorandum in Tehran\nR1\tsaid-by Arg1:T2 Arg2:T1\n#1\tAnnotatorNotes R1\tobvious\n';
  const bob =
    'T1\tperson 9 15\tDehqan\nT2\tclaim 21 64\tIran and Iraq signed a memorandum in Tehran\nA1\tverdict T2 true\nA2\tcheckWorthy T2 false\n';

  for (const order of [
    ['alice', 'bob'],
    ['bob', 'alice'],
  ]) {
    it(`two annotators’ files with the same T ids, imported ${order.join(' then ')}, leave both layers whole`, async () => {
      const s = await store();
      for (const who of order)
        await importBrat(s.send, pair(who === 'alice' ? alice : bob), {
          annotator: who,
        });
      const layer = await layerOf(s.send, 'doc');
      expect(mine(layer, 'alice').map((a) => `${a.id} ${a.kind}`)).toEqual([
        'doc.alice.T1 speaker',
        'doc.alice.T2 claim',
      ]);
      expect(mine(layer, 'bob').map((a) => `${a.id} ${a.kind}`)).toEqual(['doc.bob.T1 person', 'doc.bob.T2 claim']);
      expect(layer.relations.map((r) => [r.annotator, r.note])).toEqual([['alice', 'obvious']]);
    });
  }

  it('a colleague’s edited file imported again replaces what it brought, says what was added, changed and removed, and leaves the other layer alone', async () => {
    const s = await store();
    await importBrat(s.send, pair(alice), { annotator: 'carol' });
    await importBrat(s.send, pair(bob), { annotator: 'bob' });
    const bobBefore = mine(await layerOf(s.send, 'doc'), 'bob');
    const edited = 'T1\tspeaker 0 15\tMinister Dehqan\nT3\tplace 58 64\tTehran\n#1\tAnnotatorNotes T1\tthe minister\n';
    const again = await importBrat(s.send, pair(edited), { annotator: 'carol' });
    expect(again.files[0]?.layers).toEqual([{ annotator: 'carol', added: 1, removed: 2, changed: 1 }]);
    expect(again.files[0]?.imported).toContain('layer of carol: 1 added, 2 removed, 1 changed');
    const layer = await layerOf(s.send, 'doc');
    expect(mine(layer, 'carol').map((a) => `${a.kind} ${a.note}`)).toEqual(['speaker the minister', 'place ']);
    expect(layer.relations).toEqual([]);
    expect(mine(layer, 'bob')).toEqual(bobBefore);
    const same = await importBrat(s.send, pair(edited), { annotator: 'carol' });
    expect(same.files[0]?.layers).toEqual([{ annotator: 'carol', added: 0, removed: 0, changed: 0 }]);
  });

  it('several layers export as a folder per annotator under one annotation.conf, each valid, and import back layer by layer', async () => {
    const s = await store();
    await importBrat(s.send, pair(alice), { annotator: 'alice' });
    await importBrat(s.send, pair(bob), { annotator: 'bob smith' });
    const file = await ok<ExportFile>(s.send, 'export/file', {
      format: 'brat',
      articleIds: ['doc'],
      scope: { layer: 'all' },
    });
    const files = exportedFiles(file);
    expect(files.map((f) => f.path).sort()).toEqual([
      'alice/doc.ann',
      'alice/doc.txt',
      'annotation.conf',
      'bob_smith/doc.ann',
      'bob_smith/doc.txt',
      'visual.conf',
    ]);
    expect(bratExportProblems(files)).toEqual([]);
    // brat's binary attributes cannot say no: a boolean set to no anywhere is written with values.
    expect(files.find((f) => f.path === 'annotation.conf')?.content).toMatch(
      /^checkWorthy\tArg:claim, Value:true\|false$/m,
    );
    expect(files.find((f) => f.path === 'bob_smith/doc.ann')?.content).toMatch(/^A\d+\tcheckWorthy T2 false$/m);
    const t = await store();
    for (const [folder, who] of [
      ['alice', 'alice'],
      ['bob_smith', 'bob smith'],
    ] as const) {
      const report = await importBrat(
        t.send,
        asPayload(files.filter((f) => f.path.startsWith(`${folder}/`) || f.path === 'annotation.conf')),
        { annotator: who },
      );
      expect(report.files.flatMap((f) => f.skipped)).toEqual([]);
    }
    const [a, b] = [await tagsetOf(s.send), await tagsetOf(t.send)];
    for (const who of ['alice', 'bob smith'])
      expect(layerShape(await layerOf(t.send, 'doc'), who, b)).toEqual(
        layerShape(await layerOf(s.send, 'doc'), who, a),
      );
    // Two annotators' folders sent in one import, into one layer: the second would replace the first unseen.
    const both = await importBrat(t.send, asPayload(files), { annotator: 'carol' });
    expect(both.files.map((f) => f.skipped)).toEqual([
      [],
      [
        "alice/doc.ann of this import went into the same article's layer of carol; import each annotator's files on their own, naming the annotator",
      ],
    ]);
  });
});
