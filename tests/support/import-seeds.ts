import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { ExportFile } from '../../annotations/contract';
import type { Annotation, Article, Entity, EventRecord } from '../../annotations/model';
import type { RawSend } from '../contract/contract-cases';
import { FIRST, ok } from '../contract/contract-cases';
import { direct } from '../contract/transports';
import { makeTempDir } from './temp-dir';

export type ImportFormat = 'articles' | 'bundle' | 'brat' | 'label-studio' | 'doccano' | 'w3c';

export interface SeedFile {
  name: string;
  bytes: Uint8Array;
  /** What is sent instead of the bytes' base64, when a test breaks it. */
  base64?: string;
}

/** A valid import of one format: files the app wrote itself, or files like those other tools write. */
export interface Seed {
  format: ImportFormat;
  label: string;
  files: SeedFile[];
}

/** A brat collection like brat's own news tutorial, written for the tests. */
const NEWS = join(__dirname, '..', 'fixtures', 'brat-corpora', 'news');
const utf8 = (text: string) => new TextEncoder().encode(text);
const EMOJI_TEXT = 'Dehqān 👍🏽 said: "Iran ❤️ Iraq 🇮🇶 forever."\nThe café\u0301 met in Tehran 🕌 on Tuesday.';

/** Annotates the sample corpus and an emoji article the way a user would: spans, attributes, links, entity, event. */
async function annotate(send: RawSend): Promise<void> {
  const first = await ok<Article>(send, 'articles/get', { articleId: FIRST });
  const span = (text: string, q: string, articleId = FIRST) => ({
    articleId,
    start: text.indexOf(q),
    end: text.indexOf(q) + q.length,
    quote: q,
  });
  const create = async (args: object) => (await ok<{ value: Annotation }>(send, 'annotations/create', args)).value;
  const { value: entity } = await ok<{ value: Entity }>(send, 'entities/create', {
    name: 'Hossein Dehqan',
    type: 'person',
    externalId: 'Q5906014',
  });
  const { value: event } = await ok<{ value: EventRecord }>(send, 'events/create', {
    title: 'Dehqan meets al-Obeidi',
    type: 'meeting',
    date: '2014-10-21',
    participants: [entity.id],
  });
  const speaker = await create({ ...span(first.text, 'General Dehqan'), kind: 'speaker', entityId: entity.id });
  const claimQuote = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';
  const claim = await create({
    ...span(first.text, claimQuote),
    kind: 'claim',
    attributes: { verdict: 'opinion', checkWorthy: true },
    note: 'propaganda',
  });
  const meeting = await create({
    ...span(first.text, 'joint press conference'),
    kind: 'event',
    eventId: event.id,
    attributes: { eventType: 'meeting' },
  });
  const place = await create({ ...span(first.text, 'Tehran'), kind: 'place' });
  const link = (type: string, from: Annotation, to: Annotation) =>
    ok(send, 'relations/create', { articleId: FIRST, type, from: from.id, to: { kind: 'annotation', id: to.id } });
  await link('said-by', claim, speaker);
  await link('place', meeting, place);
  await ok(send, 'documentLabels/set', { articleId: FIRST, labels: { stance: 'critical' } });

  const imported = await ok<{ files: { imported: string[] }[] }>(send, 'import/files', {
    format: 'articles',
    files: [{ name: 'emoji.txt', content: Buffer.from(EMOJI_TEXT).toString('base64') }],
  });
  const emojiId = imported.files[0]!.imported[0]!;
  const s2 = await create({ ...span(EMOJI_TEXT, 'Dehqān', emojiId), kind: 'speaker' });
  const c2 = await create({
    ...span(EMOJI_TEXT, '"Iran ❤️ Iraq 🇮🇶 forever."', emojiId),
    kind: 'claim',
    attributes: { verdict: 'mostly true' },
  });
  await create({ ...span(EMOJI_TEXT, 'Tehran 🕌', emojiId), kind: 'place' });
  await ok(send, 'relations/create', {
    articleId: emojiId,
    type: 'said-by',
    from: c2.id,
    to: { kind: 'annotation', id: s2.id },
  });
}

/** The files of an export: one file as it is, a zip as its entries (without the zip's top folder). */
function filesOf(file: ExportFile): SeedFile[] {
  if (file.encoding === 'utf8') return [{ name: file.fileName, bytes: utf8(file.content) }];
  return Object.entries(unzipSync(new Uint8Array(Buffer.from(file.content, 'base64')))).map(([name, bytes]) => ({
    name: name.split('/').slice(1).join('/') || name,
    bytes,
  }));
}

/** A news document in brat's tutorial style, with its types mapped to the default tagset's, and what does not map left out. */
async function tutorialPair(base: string): Promise<SeedFile[]> {
  const types: Record<string, string> = {
    Person: 'person',
    Organization: 'organisation',
    GPE: 'place',
    'Merge-org': 'event',
    Report: 'event',
  };
  const roles: [RegExp, string][] = [
    [/^Org-Arg(\d*)$/, 'participant$1'],
    [/^Reporter-Arg$/, 'agent'],
  ];
  const kept = new Set<string>();
  const lines: string[] = [];
  for (const line of (await readFile(join(NEWS, `${base}.ann`), 'utf8')).split('\n')) {
    const [id = '', body = '', ...rest] = line.split('\t');
    const words = body.split(' ');
    if (id.startsWith('T') && types[words[0]!]) {
      kept.add(id);
      lines.push([id, [types[words[0]!], ...words.slice(1)].join(' '), ...rest].join('\t'));
    } else if (id.startsWith('E')) {
      const [head = '', ...args] = words;
      const trigger = head.split(':')[1]!;
      if (!kept.has(trigger)) continue;
      const mapped = args.flatMap((arg) => {
        const [role = '', ref = ''] = arg.split(':');
        const to = roles.find(([re]) => re.test(role));
        return to && kept.has(ref) ? [`${role.replace(to[0], to[1])}:${ref}`] : [];
      });
      kept.add(id);
      lines.push(`${id}\t${['event', trigger].join(':')}${mapped.map((m) => ` ${m}`).join('')}`);
    } else if (id.startsWith('#') && kept.has(words[1]!)) lines.push(line);
  }
  return [
    { name: `${base}.ann`, bytes: utf8(`${lines.join('\n')}\n`) },
    { name: `${base}.txt`, bytes: await readFile(join(NEWS, `${base}.txt`)) },
  ];
}

/** Label Studio and doccano files as those tools write them (their own ids, no Factmark fields). */
function otherToolFiles(text: string): { labelStudio: SeedFile; doccano: SeedFile; w3c: SeedFile[] } {
  const CLAIM = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';
  const at = (q: string) => ({ start: text.indexOf(q), end: text.indexOf(q) + q.length, text: q });
  const tasks = [
    {
      id: 7,
      data: { text },
      meta: {},
      annotations: [
        {
          id: 3,
          completed_by: 1,
          result: [
            {
              id: 'wT3xa_9L',
              from_name: 'label',
              to_name: 'text',
              type: 'labels',
              origin: 'manual',
              value: { ...at('General Dehqan'), labels: ['speaker'] },
            },
            {
              id: 'Qm2-Kp0z',
              from_name: 'label',
              to_name: 'text',
              type: 'labels',
              origin: 'manual',
              value: { ...at('Khalid al-Obeidi'), labels: ['person'] },
            },
            {
              id: 'Qm2-Kp0z',
              from_name: 'person.note',
              to_name: 'text',
              type: 'textarea',
              value: { ...at('Khalid al-Obeidi'), text: ['Iraqi minister'] },
            },
            {
              id: 'Zc81_aa0',
              from_name: 'label',
              to_name: 'text',
              type: 'labels',
              origin: 'manual',
              value: { ...at(CLAIM), labels: ['claim'] },
            },
            {
              id: 'Zc81_aa0',
              from_name: 'claim.verdict',
              to_name: 'text',
              type: 'choices',
              value: { ...at(CLAIM), choices: ['opinion'] },
            },
            { from_id: 'Zc81_aa0', to_id: 'wT3xa_9L', type: 'relation', direction: 'right', labels: ['said-by'] },
          ],
          was_cancelled: false,
          created_at: '2024-05-01T10:00:00.000000Z',
        },
      ],
      predictions: [],
    },
  ];
  const doccano = [
    {
      id: 1,
      text,
      label: [
        [at('Tehran').start, at('Tehran').end, 'place'],
        [at('General Dehqan').start, at('General Dehqan').end, 'speaker'],
      ],
      Comments: [],
    },
    {
      id: 2,
      text: `${text}\nSecond document.`,
      entities: [{ id: 11, label: 'person', start_offset: 0, end_offset: 4 }],
      relations: [],
    },
  ];
  const w3c = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'http://example.org/collection/1',
    type: 'AnnotationCollection',
    first: {
      type: 'AnnotationPage',
      items: [
        {
          id: 'http://example.org/anno/1',
          type: 'Annotation',
          body: [{ type: 'TextualBody', purpose: 'tagging', value: 'place' }],
          target: {
            source: 'http://example.org/texts/news-1.txt',
            selector: [
              { type: 'TextQuoteSelector', exact: 'Tehran' },
              {
                type: 'TextPositionSelector',
                start: Array.from(text.slice(0, at('Tehran').start)).length,
                end: Array.from(text.slice(0, at('Tehran').end)).length,
              },
            ],
          },
        },
      ],
    },
  };
  return {
    labelStudio: { name: 'project-7-at-2024.json', bytes: utf8(JSON.stringify(tasks, null, 2)) },
    doccano: { name: 'admin.jsonl', bytes: utf8(doccano.map((d) => JSON.stringify(d)).join('\n')) },
    w3c: [
      { name: 'annotations.jsonld', bytes: utf8(JSON.stringify(w3c)) },
      { name: 'texts/news-1.txt', bytes: utf8(text) },
    ],
  };
}

/** Valid files of every import format, from the app's exporters over an annotated store and from other tools. */
export async function buildSeeds(): Promise<Seed[]> {
  const temp = await makeTempDir();
  const source = await direct(join(temp.dir, 'store'));
  try {
    await annotate(source.send);
    const exported = async (format: string) => filesOf(await ok<ExportFile>(source.send, 'export/file', { format }));
    const first = (await ok<Article>(source.send, 'articles/get', { articleId: FIRST })).text;
    const brat = (await exported('brat')).filter((f) => f.name !== 'annotation.conf');
    const other = otherToolFiles(first.slice(0, 600));
    const pair = (id: string) => brat.filter((f) => f.name.replace(/\.(ann|txt)$/, '') === id);
    return [
      { format: 'articles', label: 'txt', files: [{ name: 'notes/story.txt', bytes: utf8(EMOJI_TEXT) }] },
      {
        format: 'articles',
        label: 'md',
        files: [{ name: 'post.md', bytes: utf8('# A *post*\n\nSee [it](http://x.example) **now**.\n') }],
      },
      {
        format: 'articles',
        label: 'html',
        files: [
          {
            name: 'page.html',
            bytes: utf8(
              '<html><head><title>T</title><script>x()</script></head><body><nav>Menu</nav><article><h1>Big</h1><p>First &amp; <b>bold</b>.</p></article></body></html>',
            ),
          },
        ],
      },
      { format: 'articles', label: 'jsonl (export)', files: await exported('jsonl') },
      {
        format: 'articles',
        label: 'jsonl',
        files: [
          {
            name: 'batch.jsonl',
            bytes: utf8('{"id":"j1","title":"One","text":"One."}\n{"text":"Two.","source":"http://x.example/2"}\n'),
          },
        ],
      },
      { format: 'bundle', label: 'bundle (export)', files: await exported('bundle') },
      { format: 'brat', label: 'brat (export)', files: pair(FIRST) },
      { format: 'brat', label: 'brat (emoji export)', files: brat.filter((f) => f.name.startsWith('emoji')) },
      { format: 'brat', label: 'brat news 001', files: await tutorialPair('001-merger') },
      { format: 'brat', label: 'brat news 002', files: await tutorialPair('002-deals') },
      {
        format: 'label-studio',
        label: 'label studio (export)',
        files: (await exported('label-studio')).filter((f) => f.name.endsWith('.json')),
      },
      { format: 'label-studio', label: 'label studio', files: [other.labelStudio] },
      { format: 'doccano', label: 'doccano (export)', files: await exported('doccano') },
      { format: 'doccano', label: 'doccano', files: [other.doccano] },
      { format: 'w3c', label: 'w3c (export)', files: await exported('w3c') },
      { format: 'w3c', label: 'w3c', files: other.w3c },
    ];
  } finally {
    await source.close();
    await temp.cleanup();
  }
}
