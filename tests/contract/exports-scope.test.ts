import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type {
  AgreementDashboard,
  ChangeSet,
  ExportResult,
  ReviewComparison,
  ReviewProgressRow,
  SessionStatus,
} from '../../annotations/contract';
import type { Bundle } from '../../annotations/formats/native-bundle-format';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { Annotation, Article, Decision } from '../../annotations/model';
import { REVIEW_ARTICLE, colleagueBundle } from '../support/review-layers';
import { ok, refused } from './contract-cases';
import type { LabellingSession } from './labelling-session';
import { A002, useLabellingSession } from './labelling-session';
import { TRANSPORTS } from './transports';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const ALL = ['alice', 'bob', 'carol'];
const STAMP = '2026-11-20T10:00:00.000Z';

/** alice's and bob's layers on article 002, alike in every span, value and link. */
function agreeingBundle(annotator: 'alice' | 'bob', article: Article): Bundle {
  const span = (name: string, kind: string, quote: string, attributes = {}): Annotation => {
    const start = article.text.indexOf(quote);
    return {
      id: `${annotator}-${name}`,
      articleId: article.id,
      annotator,
      kind,
      start,
      end: start + quote.length,
      quote,
      attributes,
      note: '',
      entityId: null,
      eventId: null,
      createdAt: STAMP,
      updatedAt: STAMP,
    };
  };
  const annotations = [
    span('claim', 'claim', 'Iran and Iraq signed a memorandum of understanding (MoU)', { verdict: 'true' }),
    span('place', 'place', 'Tehran'),
  ];
  return {
    format: 'factmark-bundle',
    version: 1,
    exportedAt: STAMP,
    exportedBy: annotator,
    tagset: DEFAULT_TAGSET,
    guidelines: '',
    entities: [],
    events: [],
    articles: [{ article, annotations, relations: [], documentLabels: [] }],
  };
}

async function importColleagues(s: LabellingSession): Promise<void> {
  const review = await ok<Article>(s.send, 'articles/get', { articleId: REVIEW_ARTICLE });
  const agreeing = await ok<Article>(s.send, 'articles/get', { articleId: A002 });
  const files = [
    ...(['alice', 'bob', 'carol'] as const).map((name) => ({
      name: `${name}.json`,
      content: b64(JSON.stringify(colleagueBundle(name, review))),
    })),
    ...(['alice', 'bob'] as const).map((name) => ({
      name: `${name}-002.json`,
      content: b64(JSON.stringify(agreeingBundle(name, agreeing))),
    })),
  ];
  await ok(s.send, 'import/files', { format: 'bundle', files });
}

const exportOf = (s: LabellingSession, args: object) => ok<ExportResult>(s.send, 'export/file', args);

/** The files of an export: one, or those of its zip by their path under the export's folder. */
function filesOf(result: ExportResult): Record<string, string> {
  if (result.encoding === 'utf8') return { [result.fileName]: result.content };
  const zip = unzipSync(new Uint8Array(Buffer.from(result.content, 'base64')));
  return Object.fromEntries(
    Object.entries(zip).map(([name, bytes]) => [name.split('/').slice(1).join('/'), strFromU8(bytes)]),
  );
}

const lines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; annotator: string | null; annotations: Annotation[] });

describe.each(TRANSPORTS)('export scope over %s', (_name, open) => {
  const s = useLabellingSession((dir) => open(dir, 'lead'));

  it('one layer: only that annotator’s annotations, and the articles they never touched named as left out', async () => {
    await importColleagues(s);
    const result = await exportOf(s, { format: 'jsonl', scope: { layer: 'one', annotator: 'carol' } });
    const written = lines(result.content);
    expect(written.map((l) => [l.id, l.annotator])).toEqual([[REVIEW_ARTICLE, 'carol']]);
    expect(written[0]!.annotations.every((a) => a.annotator === 'carol')).toBe(true);
    expect(result.notAnnotated).toHaveLength(4);
    expect(result.notAnnotated![0]).toMatchObject({ reason: 'carol has not annotated it' });
  });

  it('refuses a layer no chosen article has, naming the layers there, and contradictory scopes', async () => {
    await importColleagues(s);
    await refused(
      s.send,
      'export/file',
      { format: 'csv', scope: { layer: 'one', annotator: 'dora' } },
      'invalid-argument',
      /^dora has no layer in the chosen articles; the layers there are: alice, bob, carol$/,
    );
    await refused(
      s.send,
      'export/file',
      { format: 'csv', scope: { layer: 'one', annotator: 'gold' } },
      'invalid-argument',
      /"gold" is the adjudicated layer: export it with the gold scope/,
    );
    await refused(
      s.send,
      'export/file',
      { format: 'csv', scope: { layer: 'gold' }, annotators: ['alice'] },
      'invalid-argument',
      /annotators narrows an export of every layer/,
    );
    await refused(s.send, 'export/file', { format: 'csv', scope: { layer: 'mine' } }, 'invalid-argument', /scope/);
  });

  it('every layer: CoNLL writes one folder per annotator, each with the articles it touched', async () => {
    await importColleagues(s);
    const files = filesOf(await exportOf(s, { format: 'conll', scope: { layer: 'all' } }));
    expect(Object.keys(files).sort()).toEqual([
      'alice/iob2-report.txt',
      'alice/iob2.conll',
      'bob/iob2-report.txt',
      'bob/iob2.conll',
      'carol/iob2-report.txt',
      'carol/iob2.conll',
    ]);
    expect(files['alice/iob2.conll']!.match(/-DOCSTART-/g)).toHaveLength(2);
    expect(files['carol/iob2.conll']!.match(/-DOCSTART-/g)).toHaveLength(1);
  });

  it('gold: adjudicated articles only, the others named with why; on request all of them', async () => {
    await importColleagues(s);
    const compare = () =>
      ok<ReviewComparison>(s.send, 'review/compare', { articleId: REVIEW_ARTICLE, annotators: ALL });
    const groups = (await compare()).groups.filter((g) => g.differences.length > 0);
    await s.mutate('review/decide', {
      articleId: REVIEW_ARTICLE,
      annotators: ALL,
      key: groups[0]!.key,
      action: 'accept-all',
    });
    const gold = await exportOf(s, { format: 'conll', scope: { layer: 'gold' } });
    // Nothing is adjudicated: no article is written, not even as all-O negatives.
    expect(gold.content).not.toContain('-DOCSTART-');
    expect(gold.notAdjudicated).toContainEqual({
      articleId: REVIEW_ARTICLE,
      title: expect.any(String),
      reason: `1 of ${groups.length} differences decided`,
    });
    expect(gold.notAdjudicated).toContainEqual(
      expect.objectContaining({
        articleId: A002,
        reason: 'the layers agree, but the agreements are not taken into gold yet',
      }),
    );
    expect(gold.notAdjudicated).toHaveLength(5);

    for (const g of groups.slice(1))
      await s.mutate('review/decide', { articleId: REVIEW_ARTICLE, annotators: ALL, key: g.key, action: 'reject' });
    expect((await compare()).adjudicated).toBe(true);
    const after = await exportOf(s, { format: 'jsonl', scope: { layer: 'gold' } });
    expect(lines(after.content).map((l) => [l.id, l.annotator])).toEqual([[REVIEW_ARTICLE, 'gold']]);
    expect(after.notAdjudicated).toHaveLength(4);

    const every = await exportOf(s, { format: 'jsonl', scope: { layer: 'gold', includeUnadjudicated: true } });
    expect(lines(every.content)).toHaveLength(5);
    expect(every.notAdjudicated).toBeUndefined();
  });

  it('review/accept-agreed takes an article whose layers agree into gold in one step, undoably', async () => {
    await importColleagues(s);
    const args = { articleId: A002, annotators: ['alice', 'bob'] };
    expect(await ok<ReviewComparison>(s.send, 'review/compare', args)).toMatchObject({
      differences: 0,
      adjudicated: false,
    });
    const { value: decisions, changeSet } = await s.mutate<Decision[]>('review/accept-agreed', args);
    expect(decisions.map((d) => [d.action, d.sources.map((r) => r.annotator)])).toEqual([
      ['agreed', ['alice', 'bob']],
      ['agreed', ['alice', 'bob']],
    ]);
    const compared = await ok<ReviewComparison>(s.send, 'review/compare', args);
    expect(compared.adjudicated).toBe(true);
    expect(compared.gold.map((a) => [a.kind, a.quote, a.attributes.verdict ?? null, a.provenance?.action])).toEqual([
      ['claim', 'Iran and Iraq signed a memorandum of understanding (MoU)', 'true', 'agreed'],
      ['place', 'Tehran', null, 'agreed'],
    ]);
    const rows = await ok<ReviewProgressRow[]>(s.send, 'review/progress', {});
    expect(rows.find((r) => r.articleId === A002)).toMatchObject({ adjudicated: true });
    const gold = await exportOf(s, { format: 'jsonl', scope: { layer: 'gold' } });
    expect(lines(gold.content).map((l) => l.id)).toEqual([A002]);
    // Again: nothing left to take.
    await refused(s.send, 'review/accept-agreed', args, 'conflict', /Every agreement on .* is in gold already/);

    await s.undo(changeSet as ChangeSet);
    expect((await s.layer(A002)).annotations.filter((a) => a.annotator === 'gold')).toEqual([]);
  });

  it('review/accept-agreed refuses while differences remain, and changes nothing', async () => {
    await importColleagues(s);
    const before = await s.layer(REVIEW_ARTICLE);
    await refused(
      s.send,
      'review/accept-agreed',
      { articleId: REVIEW_ARTICLE, annotators: ALL },
      'conflict',
      /^The layers of alice, bob, carol still differ in 4 places on “.*”: decide each difference first$/,
    );
    await refused(
      s.send,
      'review/accept-agreed',
      { articleId: A002, annotators: ['alice', 'alice'] },
      'invalid-argument',
      /"alice" named more than once/,
    );
    expect(await s.layer(REVIEW_ARTICLE)).toEqual(before);
  });

  it('agreement and comparison refuse unknown and repeated layers, naming them', async () => {
    await importColleagues(s);
    await refused(
      s.send,
      'agreement/report',
      { annotators: ['alice', 'dora'] },
      'invalid-argument',
      /^No layer of "dora" in the store; the layers are: alice, bob, carol$/,
    );
    await refused(
      s.send,
      'agreement/report',
      { annotators: ['alice', 'bob', 'alice'] },
      'invalid-argument',
      /"alice" named more than once/,
    );
    await refused(
      s.send,
      'review/compare',
      { articleId: REVIEW_ARTICLE, annotators: ['bob', 'bob'] },
      'invalid-argument',
      /"bob" named more than once/,
    );
    // carol has no layer on 002, but has one in the store: she counts as missing there.
    const report = await ok<AgreementDashboard>(s.send, 'agreement/report', {
      annotators: ['alice', 'carol'],
      articleIds: [A002],
    });
    expect(report.agreement.annotators).toEqual(['alice', 'carol']);
  });

  it('ClaimReview: the reviewing organisation of the settings is the author; without one, the result says so', async () => {
    await importColleagues(s);
    const without = await exportOf(s, { format: 'claimreview', scope: { layer: 'one', annotator: 'bob' } });
    expect(JSON.parse(without.content)[0]).not.toHaveProperty('author');
    expect(without.notes).toEqual([expect.stringMatching(/^No reviewing organisation is set in the settings/)]);

    const status = await ok<SessionStatus>(s.send, 'settings/update', { reviewingOrganisation: 'Example Fact Check' });
    expect(status).toMatchObject({ annotator: 'lead', reviewingOrganisation: 'Example Fact Check' });
    expect(await ok<SessionStatus>(s.send, 'store/status', {})).toMatchObject({
      reviewingOrganisation: 'Example Fact Check',
    });
    const withOrg = await exportOf(s, { format: 'claimreview', scope: { layer: 'one', annotator: 'bob' } });
    expect(JSON.parse(withOrg.content)[0]).toMatchObject({
      author: { '@type': 'Organization', name: 'Example Fact Check' },
      contributor: { '@type': 'Person', name: 'bob' },
      datePublished: '2026-11-20',
      itemReviewed: { author: { '@type': 'Person', name: 'Brigadier General Dehqan' } },
    });
    expect(withOrg.notes).toBeUndefined();

    const cleared = await ok<SessionStatus>(s.send, 'settings/update', { reviewingOrganisation: null });
    expect(cleared).not.toHaveProperty('reviewingOrganisation');
    expect(cleared.annotator).toBe('lead');
    await refused(s.send, 'settings/update', {}, 'invalid-argument', /annotator or reviewingOrganisation/);
    await refused(s.send, 'settings/update', { reviewingOrganisation: '  ' }, 'invalid-argument', /empty/);
  });
});

it('the default tagset’s verdicts all have a FEVER reading or are left out on purpose', async () => {
  const { FEVER_LABELS } = await import('../../annotations/formats/claim-formats');
  const verdicts = DEFAULT_TAGSET.kinds.find((k) => k.kind === 'claim')!.attributes.find((a) => a.name === 'verdict')!;
  const options = verdicts.type === 'choice' ? verdicts.options : [];
  expect(options.filter((v) => !(v in FEVER_LABELS))).toEqual(['unverified', 'opinion']);
});
