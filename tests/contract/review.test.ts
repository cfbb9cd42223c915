import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type {
  AgreementDashboard,
  ChangeSet,
  ExportFile,
  ImportReport,
  ReviewComparison,
  ReviewProgressRow,
  SessionStatus,
} from '../../annotations/contract';
import type { Annotation, Article, ArticleLayer, Decision } from '../../annotations/model';
import { EXPORT_FORMATS } from '../../annotations/formats/export-formats';
import { REVIEW_ARTICLE, colleagueBundle } from '../support/review-layers';
import { ok, refused } from './contract-cases';
import type { LabellingSession } from './labelling-session';
import { useLabellingSession } from './labelling-session';
import { TRANSPORTS } from './transports';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const ALL = ['alice', 'bob', 'carol'];

async function importColleagues(s: LabellingSession, names = ALL as ('alice' | 'bob' | 'carol')[]) {
  const article = await ok<Article>(s.send, 'articles/get', { articleId: REVIEW_ARTICLE });
  const files = names.map((name) => ({
    name: `${name}.json`,
    content: b64(JSON.stringify(colleagueBundle(name, article))),
  }));
  return ok<ImportReport>(s.send, 'import/files', { format: 'bundle', files });
}

const compare = (s: LabellingSession, annotators = ALL) =>
  ok<ReviewComparison>(s.send, 'review/compare', { articleId: REVIEW_ARTICLE, annotators });

const quoteOf = (g: ReviewComparison['groups'][number]) => g.items[0]!.quote.slice(0, 20);

describe.each(TRANSPORTS)('review over %s', (_name, open) => {
  const s = useLabellingSession((dir) => open(dir, 'lead'));

  it('imports each colleague’s bundle as their layer and says what it added', async () => {
    const report = await importColleagues(s);
    expect(report.files.map((f) => f.imported)).toEqual([
      ['layer of alice: 5 added'],
      ['layer of bob: 6 added'],
      ['layer of carol: 4 added'],
    ]);
    const layer = await s.layer(REVIEW_ARTICLE);
    expect(layer.annotations.filter((a) => a.annotator === 'bob')).toHaveLength(6);
  });

  it('a newer bundle from the same colleague replaces their layer, says what changed, and leaves the others alone', async () => {
    await importColleagues(s);
    const mine = await s.tag('claim', 'Iran is pursuing the policy', REVIEW_ARTICLE);
    const article = await ok<Article>(s.send, 'articles/get', { articleId: REVIEW_ARTICLE });
    const newer = colleagueBundle('carol', article);
    const item = newer.articles[0]!;
    item.annotations = item.annotations
      .filter((a) => a.id !== 'carol-person')
      .map((a) => (a.id === 'carol-baghdad' ? { ...a, kind: 'place' } : a));
    item.annotations.push({
      ...item.annotations[0]!,
      id: 'carol-isil',
      kind: 'organisation',
      start: 0,
      end: 4,
      quote: 'Iran',
    });
    const report = await ok<ImportReport>(s.send, 'import/files', {
      format: 'bundle',
      files: [{ name: 'carol-newer.json', content: b64(JSON.stringify(newer)) }],
    });
    expect(report.files[0]!.imported).toEqual(['layer of carol: 1 added, 1 removed, 1 changed']);
    const layer = await s.layer(REVIEW_ARTICLE);
    const carol = layer.annotations.filter((a) => a.annotator === 'carol');
    expect(carol.map((a) => a.id).sort()).toEqual(['carol-baghdad', 'carol-claim1', 'carol-isil', 'carol-speaker']);
    expect(layer.annotations.filter((a) => a.annotator === 'bob')).toHaveLength(6);
    expect(layer.annotations.find((a) => a.id === mine.id)).toEqual(mine);
  });

  it('classifies every difference between the layers', async () => {
    await importColleagues(s);
    const result = await compare(s);
    expect(result.groups.map((g) => [quoteOf(g), g.items.map((a) => a.annotator), g.differences])).toEqual([
      ['ISIL', ['bob'], ['missing']],
      ['Hossein Dehqan', ALL, []],
      ['Baghdad', ALL, ['label']],
      ['“The ISIL is a threa', ALL, ['boundary', 'attributes', 'link']],
      ['Brigadier General De', ALL, []],
      ['“The Islamic Republi', ['alice', 'bob'], ['missing']],
    ]);
    expect(result.groups[5]!.missing).toEqual(['carol']);
    expect(result).toMatchObject({ differences: 4, decided: 0, adjudicated: false, gold: [] });

    // Two layers only: alice and bob differ in the verdict and in bob's extra organisation.
    const pair = await compare(s, ['alice', 'bob']);
    expect(pair.groups.filter((g) => g.differences.length > 0).map((g) => [quoteOf(g), g.differences])).toEqual([
      ['ISIL', ['missing']],
      ['“The ISIL is a threa', ['attributes']],
    ]);
  });

  it('adjudicates into a gold layer with provenance, until the article is adjudicated; undo takes a decision back', async () => {
    await importColleagues(s);
    const groups = (await compare(s)).groups;
    const decide = (key: string, action: string, extra: object = {}) =>
      s.mutate<Decision>('review/decide', { articleId: REVIEW_ARTICLE, annotators: ALL, key, action, ...extra });

    // The first decision also takes the two agreements into gold.
    const label = await decide(groups[2]!.key, 'accept', { annotator: 'alice' });
    let state = await compare(s);
    expect(state).toMatchObject({ differences: 4, decided: 1, adjudicated: false });
    expect(state.gold.map((a) => [a.kind, a.quote, a.provenance?.action])).toEqual([
      ['person', 'Hossein Dehqan', 'agreed'],
      ['speaker', 'Brigadier General Dehqan', 'agreed'],
      ['place', 'Baghdad', 'accept'],
    ]);
    const placeGold = state.gold[2]!;
    expect(placeGold.provenance).toEqual({
      action: 'accept',
      sources: [{ annotator: 'alice', id: 'alice-baghdad' }],
      decidedBy: 'lead',
      decidedAt: expect.any(String),
    });
    expect(label.value.goldIds).toEqual([placeGold.id]);

    // Edit: the adjudicator's own span and verdict; the said-by link follows from the sources into gold.
    const claim = groups[3]!;
    const alicesClaim = claim.items.find((a) => a.annotator === 'alice')!;
    await decide(claim.key, 'edit', {
      edit: {
        kind: 'claim',
        start: alicesClaim.start,
        end: alicesClaim.end,
        attributes: { verdict: 'mostly false', checkWorthy: true },
      },
    });
    await decide(groups[5]!.key, 'accept-all');
    await refused(
      s.send,
      'review/decide',
      { articleId: REVIEW_ARTICLE, annotators: ALL, key: groups[0]!.key, action: 'accept', annotator: 'carol' },
      'invalid-argument',
      /carol has no annotation in this difference; accept one of bob/,
    );
    const reject = await decide(groups[0]!.key, 'reject');
    expect(reject.value.goldIds).toEqual([]);

    state = await compare(s);
    expect(state).toMatchObject({ differences: 4, decided: 4, adjudicated: true });
    const goldClaim = state.gold.find((a) => a.kind === 'claim' && a.start === alicesClaim.start)!;
    expect(goldClaim.attributes).toMatchObject({ verdict: 'mostly false', checkWorthy: true });
    expect(goldClaim.provenance?.sources.map((r) => r.annotator)).toEqual(ALL);
    const layer = await s.layer(REVIEW_ARTICLE);
    const goldSpeaker = state.gold.find((a) => a.kind === 'speaker')!;
    expect(layer.relations.filter((r) => r.annotator === 'gold')).toEqual([
      expect.objectContaining({ type: 'said-by', from: goldClaim.id, to: { kind: 'annotation', id: goldSpeaker.id } }),
    ]);
    // accept-all of identical versions: one gold annotation naming both sources.
    expect(
      state.gold.filter((a) => a.quote.startsWith('“The Islamic')).map((a) => a.provenance?.sources.map((r) => r.id)),
    ).toEqual([['alice-claim2', 'bob-claim2']]);

    const progress = await ok<ReviewProgressRow[]>(s.send, 'review/progress', {});
    expect(progress.find((r) => r.articleId === REVIEW_ARTICLE)).toMatchObject({
      layers: ALL,
      done: ALL,
      differences: 4,
      decided: 4,
      adjudicated: true,
    });

    // Undo the rejection: the article is open again, and nothing else changed.
    await s.undo(reject.changeSet);
    expect(await compare(s)).toMatchObject({ decided: 3, adjudicated: false });
    // Deciding again replaces what the earlier decision put into gold.
    await decide(groups[2]!.key, 'accept', { annotator: 'carol' });
    const after = await compare(s);
    expect(after.gold.filter((a) => a.quote === 'Baghdad').map((a) => a.kind)).toEqual(['organisation']);
    expect(after.decided).toBe(3);
  });

  it('exports the gold layer like any other', async () => {
    await importColleagues(s);
    const groups = (await compare(s)).groups;
    await s.mutate('review/decide', {
      articleId: REVIEW_ARTICLE,
      annotators: ALL,
      key: groups[2]!.key,
      action: 'accept',
      annotator: 'bob',
    });
    const exported = await ok<{ content: string }>(s.send, 'export/file', {
      format: 'jsonl',
      annotators: ['gold'],
      articleIds: [REVIEW_ARTICLE],
    });
    const line = JSON.parse(exported.content) as { annotations: Annotation[] };
    expect(line.annotations.map((a) => [a.annotator, a.kind, a.quote, a.provenance?.action])).toEqual([
      ['gold', 'person', 'Hossein Dehqan', 'agreed'],
      ['gold', 'speaker', 'Brigadier General Dehqan', 'agreed'],
      ['gold', 'place', 'Baghdad', 'accept'],
    ]);
  });

  it('measures agreement between the layers: span F1 strict and lenient, attribute agreement, label counts', async () => {
    await importColleagues(s);
    const report = await ok<AgreementDashboard>(s.send, 'agreement/report', {});
    expect(report.agreement.annotators).toEqual(ALL);
    const pair = (a: string, b: string) => report.agreement.corpus.spans.find((p) => p.a === a && p.b === b)!;
    // By hand from the fixture (see tests/support/review-layers.ts):
    // alice–bob: 5 shared exactly, bob's ISIL extra: tp 5, fp 1, fn 0 → F1 = 10/11 strict and lenient.
    // alice–carol: person and speaker exact (tp 2); carol's Baghdad (organisation) and trimmed claim unmatched (fp 2);
    //   alice's place, claim 1, claim 2 unmatched (fn 3) → 4/9; lenient adds the overlapping claim: 6/9.
    // bob–carol: tp 2, fp 2, fn 4 → 4/10; lenient tp 3, fp 1, fn 3 → 6/10.
    const close = (x: number | null | undefined, v: number) => expect(Math.abs((x ?? NaN) - v)).toBeLessThan(1e-9);
    close(pair('alice', 'bob').strict.overall.f1, 10 / 11);
    close(pair('alice', 'bob').lenient.overall.f1, 10 / 11);
    close(pair('alice', 'carol').strict.overall.f1, 4 / 9);
    close(pair('alice', 'carol').lenient.overall.f1, 2 / 3);
    close(pair('bob', 'carol').strict.overall.f1, 2 / 5);
    close(pair('bob', 'carol').lenient.overall.f1, 3 / 5);
    expect(pair('alice', 'bob').strict.perLabel.organisation).toMatchObject({ tp: 0, fp: 1, fn: 0, f1: 0 });
    expect(pair('alice', 'bob').articles).toBe(1);

    // Verdict on the claims two or more annotators marked exactly alike (claims 1 and 2 of alice and bob):
    // opinion/false and unverified/unverified → observed 1/2; nominal alpha with n = 4 values,
    // 2 off-diagonal coincidences, Σ n_c n_k (c ≠ k) = 16 − (1 + 1 + 4) = 10 → α = 1 − 3·2/10 = 2/5.
    const verdict = report.agreement.corpus.attributes.find((a) => a.label === 'claim' && a.name === 'verdict')!;
    expect(verdict).toMatchObject({ units: 2, pairs: 2, agreeing: 1 });
    close(verdict.observed, 1 / 2);
    close(verdict.krippendorff.value, 2 / 5);
    const checkWorthy = report.agreement.corpus.attributes.find((a) => a.name === 'checkWorthy')!;
    close(checkWorthy.krippendorff.value, 1);

    expect(report.distribution.bob).toEqual({ person: 1, place: 1, claim: 2, speaker: 1, organisation: 1 });
    expect(report.progress.find((p) => p.annotator === 'carol')).toEqual({
      annotator: 'carol',
      done: 1,
      annotated: 1,
      total: 5,
      spans: 4,
      fromSuggestions: 0,
    });
  });

  it('exports the gold layer in every dataset format, with the adjudicated spans', async () => {
    await importColleagues(s);
    const groups = (await compare(s)).groups;
    await s.mutate('review/decide', {
      articleId: REVIEW_ARTICLE,
      annotators: ALL,
      key: groups[3]!.key,
      action: 'accept',
      annotator: 'bob',
    });
    const exported = async (format: string, annotators: string[]) => {
      const file = await ok<ExportFile>(s.send, 'export/file', { format, annotators, articleIds: [REVIEW_ARTICLE] });
      const texts =
        file.encoding === 'utf8'
          ? [file.content]
          : Object.values(unzipSync(new Uint8Array(Buffer.from(file.content, 'base64')))).map((b) => strFromU8(b));
      return texts.join('\n');
    };
    for (const format of EXPORT_FORMATS) {
      // The same export of a layer nobody has is the baseline: the article alone, no annotation.
      const gold = await exported(format, ['gold']);
      const none = await exported(format, ['nobody']);
      expect(gold.length, format).toBeGreaterThan(none.length);
      // bob's claim 1 (verdict false) is in gold: the claim formats carry it.
      if (format === 'claimreview' || format === 'fever') expect(gold, format).toContain('The ISIL is a threat');
    }
  });

  it('keeps a colleague’s layer theirs: no edit, delete or link of it, while gold stays editable', async () => {
    await importColleagues(s);
    const before = await s.layer(REVIEW_ARTICLE);
    const theirs = /in bob's layer, which only they change; compare the layers to take it into gold/;
    const args = { articleId: REVIEW_ARTICLE, id: 'bob-claim1' };
    await refused(s.send, 'annotations/update', { ...args, note: 'mine now' }, 'conflict', theirs);
    await refused(s.send, 'annotations/delete', args, 'conflict', theirs);
    await refused(s.send, 'relations/delete', { ...args, id: 'bob-claim1-said-by' }, 'conflict', theirs);
    const mine = await s.tag('claim', 'Iran is pursuing the policy', REVIEW_ARTICLE);
    await refused(
      s.send,
      'relations/create',
      { articleId: REVIEW_ARTICLE, type: 'said-by', from: mine.id, to: { kind: 'annotation', id: 'bob-speaker' } },
      'invalid-argument',
      /A link joins annotations of one layer; that one is in bob's layer, not lead's/,
    );
    expect((await s.layer(REVIEW_ARTICLE)).annotations.filter((a) => a.annotator !== 'lead')).toEqual(
      before.annotations,
    );

    // Gold: the adjudicator corrects it directly, and a link between gold annotations is gold.
    const groups = (await compare(s)).groups;
    await s.mutate('review/decide', {
      articleId: REVIEW_ARTICLE,
      annotators: ALL,
      key: groups[3]!.key,
      action: 'reject',
    });
    const gold = (await compare(s)).gold;
    const person = gold.find((a) => a.kind === 'person')!;
    const speaker = gold.find((a) => a.kind === 'speaker')!;
    const edited = await s.mutate<Annotation>('annotations/update', {
      articleId: REVIEW_ARTICLE,
      id: person.id,
      note: 'checked',
    });
    expect(edited.value).toMatchObject({ annotator: 'gold', note: 'checked' });
    const claim = await s.mutate<Annotation>('review/decide', {
      articleId: REVIEW_ARTICLE,
      annotators: ALL,
      key: groups[5]!.key,
      action: 'accept',
      annotator: 'alice',
    });
    const goldClaim = (await compare(s)).gold.find((a) => a.kind === 'claim')!;
    expect(claim.changeSet.changes.length).toBeGreaterThan(0);
    const link = await s.link('said-by', goldClaim, speaker);
    expect(link.annotator).toBe('gold');
  });

  it('a colleague’s newer layer reopens the differences it changed; deciding again leaves one result in gold', async () => {
    await importColleagues(s);
    const baghdad = (await compare(s)).groups[2]!;
    expect(baghdad.items.map((a) => a.quote)).toEqual(['Baghdad', 'Baghdad', 'Baghdad']);
    const decide = (key: string) =>
      s.mutate('review/decide', {
        articleId: REVIEW_ARTICLE,
        annotators: ALL,
        key,
        action: 'accept',
        annotator: 'alice',
      });
    await decide(baghdad.key);

    // bob's newer bundle no longer marks Baghdad: that group is alice's and carol's now, and undecided.
    const article = await ok<Article>(s.send, 'articles/get', { articleId: REVIEW_ARTICLE });
    const newer = colleagueBundle('bob', article);
    newer.articles[0]!.annotations = newer.articles[0]!.annotations.filter((a) => a.id !== 'bob-baghdad');
    await ok(s.send, 'import/files', {
      format: 'bundle',
      files: [{ name: 'bob-newer.json', content: b64(JSON.stringify(newer)) }],
    });
    const reopened = await compare(s);
    const group = reopened.groups.find((g) => g.items[0]!.quote === 'Baghdad')!;
    expect(group.items.map((a) => a.annotator)).toEqual(['alice', 'carol']);
    expect(reopened.stale.map((d) => d.key)).toEqual([baghdad.key]);
    expect(reopened.adjudicated).toBe(false);

    await decide(group.key);
    const after = await compare(s);
    expect(after.gold.filter((a) => a.quote === 'Baghdad')).toHaveLength(1);
    expect(after.stale).toEqual([]);
  });

  it('refuses a stale difference, the gold layer as a compared layer, and gold as an annotator name', async () => {
    await importColleagues(s, ['alice', 'bob']);
    await refused(
      s.send,
      'review/compare',
      { articleId: REVIEW_ARTICLE, annotators: ['alice', 'gold'] },
      'invalid-argument',
      /adjudicated layer/,
    );
    await refused(
      s.send,
      'review/decide',
      { articleId: REVIEW_ARTICLE, annotators: ['alice', 'bob'], key: 'alice:nothing', action: 'reject' },
      'conflict',
      /no longer there/,
    );
    await refused(s.send, 'settings/update', { annotator: 'gold' }, 'invalid-argument', /adjudicated layer/);
  });

  it('the annotator name set in the settings names new annotations, and marking done is an undoable step', async () => {
    const status = await ok<SessionStatus>(s.send, 'settings/update', { annotator: 'Dana Reviewer' });
    expect(status.annotator).toBe('Dana Reviewer');
    const a = await s.tag('person', 'Hossein Dehqan', REVIEW_ARTICLE);
    expect(a.annotator).toBe('Dana Reviewer');
    const done = await s.mutate<{ done?: boolean }>('documentLabels/set', { articleId: REVIEW_ARTICLE, done: true });
    expect(done.value.done).toBe(true);
    let layer: ArticleLayer = await s.layer(REVIEW_ARTICLE);
    expect(layer.documentLabels).toEqual([expect.objectContaining({ annotator: 'Dana Reviewer', done: true })]);
    await s.undo(done.changeSet as ChangeSet);
    layer = await s.layer(REVIEW_ARTICLE);
    expect(layer.documentLabels).toEqual([]);
    await refused(s.send, 'settings/update', { annotator: '  ' }, 'invalid-argument', /must not be empty/);
  });
});

describe('the saved annotator name', () => {
  const s = useLabellingSession((dir, annotator) => TRANSPORTS[0][1](dir, annotator));
  it('is used the next time the store opens, unless a name is given for the session', async () => {
    await ok(s.send, 'settings/update', { annotator: 'Dana' });
    await s.reopen('someone-else');
    // The transports pass the name as a plain option (not "given"): the saved name wins.
    expect((await ok<SessionStatus>(s.send, 'store/status', {})).annotator).toBe('Dana');
    const created: Annotation = await s.tag('place', 'Baghdad', REVIEW_ARTICLE);
    expect(created.annotator).toBe('Dana');
  });
});
