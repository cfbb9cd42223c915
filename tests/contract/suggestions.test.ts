import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ChangeSet,
  RecommenderFigures,
  ReviewComparison,
  SuggestionEvaluation,
  SuggestionChanges,
  SuggestionList,
} from '../../annotations/contract';
import { applyChangesSince } from '../../annotations/suggest/changes-since';
import type { Annotation, Article, ArticleLayer, Entity, Rejection } from '../../annotations/model';
import type { SuggestSettings } from '../../annotations/suggest/recommender';
import { hashStore } from '../support/store-integrity';
import { makeTempDir } from '../support/temp-dir';
import type { RawSend } from './contract-cases';
import { FIRST, ok, refused } from './contract-cases';
import type { Transport } from './transports';
import { TRANSPORTS } from './transports';

type Mutation<T> = { value: T; changeSet: ChangeSet };

describe.each(TRANSPORTS)('suggestions over %s', (_name, open) => {
  let storeDir: string;
  let cleanup: () => Promise<void>;
  let transport: Transport;
  let send: RawSend;

  beforeEach(async () => {
    ({ dir: storeDir, cleanup } = await makeTempDir());
    transport = await open(storeDir);
    send = transport.send;
  });
  afterEach(async () => {
    await transport.close();
    await cleanup();
  });

  /** Closes the store and opens it again, as a restarted app would. */
  const reopen = async (annotator = 'alice') => {
    await transport.close();
    transport = await open(storeDir, annotator);
    send = transport.send;
  };
  const list = async (articleId = FIRST) => ok<SuggestionList>(send, 'suggestions/list', { articleId });
  const layer = () => ok<ArticleLayer>(send, 'annotations/list', { articleId: FIRST });
  const dehqan = () =>
    ok<Mutation<Entity>>(send, 'entities/create', {
      id: 'hossein-dehqan',
      name: 'Hossein Dehqan',
      type: 'person',
      aliases: ['Dehqan', 'General Dehqan'],
    });

  it('proposes the registry’s names linked to their entity, and accepting one makes a marked annotation in one’s own layer', async () => {
    await dehqan();
    const { suggestions, settings } = await list();
    expect(settings).toEqual({
      recommenders: ['gazetteer', 'learned', 'language-model', 'attribution'],
      kinds: null,
      minScore: 0.3,
    });
    const mention = suggestions.find((s) => s.recommender === 'gazetteer' && s.quote === 'Hossein Dehqan');
    expect(mention).toMatchObject({ kind: 'person', entityId: 'hossein-dehqan' });

    const accepted = await ok<Mutation<Annotation[]>>(send, 'suggestions/accept', {
      articleId: FIRST,
      suggestionIds: [mention!.id],
    });
    expect(accepted.value).toHaveLength(1);
    expect(accepted.value[0]).toMatchObject({
      annotator: 'alice',
      kind: 'person',
      quote: 'Hossein Dehqan',
      entityId: 'hossein-dehqan',
      suggestedBy: 'gazetteer',
    });
    expect((await layer()).annotations).toEqual(accepted.value);
    // Held now: no longer proposed, and a second accept of it is refused.
    expect((await list()).suggestions.map((s) => s.id)).not.toContain(mention!.id);
    await refused(
      send,
      'suggestions/accept',
      { articleId: FIRST, suggestionIds: [mention!.id] },
      'invalid-argument',
      /not proposed/,
    );
    await reopen();
    expect((await layer()).annotations[0]?.suggestedBy).toBe('gazetteer');
  });

  it('accepts a claim with its speaker and their said-by link as one undo step, undone and redone whole', async () => {
    const { suggestions } = await list();
    const claim = suggestions.find((s) => s.kind === 'claim' && s.saidBy !== null)!;
    const speaker = suggestions.find((s) => s.id === claim.saidBy)!;
    expect(speaker.kind).toBe('speaker');
    const accepted = await ok<Mutation<Annotation[]>>(send, 'suggestions/accept', {
      articleId: FIRST,
      suggestionIds: [claim.id, speaker.id],
    });
    expect(accepted.changeSet.changes.map((c) => c.type)).toEqual(['annotation', 'annotation', 'relation']);
    const [claimMade, speakerMade] = accepted.value;
    const after = await layer();
    expect(after.relations).toEqual([
      expect.objectContaining({
        type: 'said-by',
        from: claimMade!.id,
        to: { kind: 'annotation', id: speakerMade!.id },
      }),
    ]);

    await ok(send, 'history/apply', { changeSet: accepted.changeSet, direction: 'undo' });
    expect(await layer()).toMatchObject({ annotations: [], relations: [] });
    expect((await list()).suggestions.map((s) => s.id)).toEqual(expect.arrayContaining([claim.id, speaker.id]));
    await ok(send, 'history/apply', { changeSet: accepted.changeSet, direction: 'redo' });
    expect(await layer()).toMatchObject({ annotations: after.annotations, relations: after.relations });
  });

  it('links an accepted claim to the speaker span the layer already holds', async () => {
    const { suggestions } = await list();
    const claim = suggestions.find((s) => s.kind === 'claim' && s.saidBy !== null)!;
    const speaker = suggestions.find((s) => s.id === claim.saidBy)!;
    const tagged = await ok<Mutation<Annotation>>(send, 'annotations/create', {
      articleId: FIRST,
      kind: 'speaker',
      start: speaker.start,
      end: speaker.end,
      quote: speaker.quote,
    });
    const accepted = await ok<Mutation<Annotation[]>>(send, 'suggestions/accept', {
      articleId: FIRST,
      suggestionIds: [claim.id],
    });
    expect((await layer()).relations).toEqual([
      expect.objectContaining({ from: accepted.value[0]!.id, to: { kind: 'annotation', id: tagged.value.id } }),
    ]);
  });

  it('keeps a rejection across a restart, hides what it rejects, and brings it back on undo', async () => {
    const { suggestions } = await list();
    const place = suggestions.find((s) => s.kind === 'place')!;
    const rejected = await ok<Mutation<Rejection[]>>(send, 'suggestions/reject', {
      articleId: FIRST,
      suggestionIds: [place.id],
    });
    expect(rejected.value).toEqual([
      expect.objectContaining({
        id: `rj-place-${place.start}-${place.end}`,
        annotator: 'alice',
        kind: 'place',
        start: place.start,
        end: place.end,
        recommender: place.recommender,
      }),
    ]);
    await reopen();
    expect((await layer()).rejections).toEqual(rejected.value);
    expect((await list()).suggestions.some((s) => s.kind === 'place' && s.start === place.start)).toBe(false);
    // Another annotator is still offered it.
    await reopen('bob');
    expect((await list()).suggestions.map((s) => s.id)).toContain(place.id);
    await reopen('alice');
    await ok(send, 'history/apply', { changeSet: rejected.changeSet, direction: 'undo' });
    expect((await list()).suggestions.map((s) => s.id)).toContain(place.id);
  });

  it('gives the list as changes since a version it gave: what a reject took out, every suggestion for a version it does not know', async () => {
    const changes = (since: string | null) =>
      ok<SuggestionChanges>(send, 'suggestions/changes', { articleId: FIRST, since });
    const whole = await list();
    const first = await changes(null);
    expect(first).toMatchObject({ since: null, gone: [], settings: whole.settings });
    expect(first.came).toEqual(whole.suggestions);
    expect(first.at).toEqual(whole.suggestions.map((_, i) => i));
    const held = applyChangesSince([], first)!;

    const place = held.find((s) => s.kind === 'place')!;
    await ok(send, 'suggestions/reject', { articleId: FIRST, suggestionIds: [place.id] });
    const next = await changes(first.version);
    expect(next).toMatchObject({ since: first.version, gone: [place.id], came: [], at: [] });
    expect(applyChangesSince(held, next)).toEqual((await list()).suggestions);

    // A version from before a restart (or never given) is answered with every suggestion.
    await reopen();
    const after = await changes(next.version);
    expect(after.since).toBeNull();
    expect(after.came).toEqual((await list()).suggestions);
    await refused(send, 'suggestions/changes', { articleId: FIRST }, 'invalid-argument', /since/);
    await refused(send, 'suggestions/changes', { articleId: FIRST, since: '' }, 'invalid-argument', /since/);
  });

  it('refuses an accept naming a suggestion not proposed, naming it, and changes no byte of the store', async () => {
    const { suggestions } = await list();
    await ok(send, 'suggestions/reject', { articleId: FIRST, suggestionIds: [suggestions[1]!.id] });
    const before = await hashStore(storeDir);
    await refused(
      send,
      'suggestions/accept',
      { articleId: FIRST, suggestionIds: [suggestions[0]!.id, 'sg-gazetteer-person-0-4'] },
      'invalid-argument',
      /"sg-gazetteer-person-0-4" is not proposed/,
    );
    await refused(
      send,
      'suggestions/accept',
      { articleId: FIRST, suggestionIds: [suggestions[1]!.id] },
      'invalid-argument',
      new RegExp(`"${suggestions[1]!.id}" is not proposed`),
    );
    await refused(
      send,
      'suggestions/reject',
      { articleId: FIRST, suggestionIds: ['nope'] },
      'invalid-argument',
      /"nope"/,
    );
    expect(await hashStore(storeDir)).toEqual(before);
  });

  it('keeps the project’s settings, proposes by them, and refuses an unknown recommender or kind', async () => {
    const defaults = await ok<SuggestSettings>(send, 'suggestions/settings', {});
    expect(defaults.recommenders).toHaveLength(4);
    await dehqan();
    const set = await ok<SuggestSettings>(send, 'suggestions/configure', {
      recommenders: ['attribution', 'gazetteer'],
      kinds: ['person'],
      minScore: 0.5,
    });
    expect(set).toEqual({ recommenders: ['gazetteer', 'attribution'], kinds: ['person'], minScore: 0.5 });
    await reopen();
    expect(await ok(send, 'suggestions/settings', {})).toEqual(set);
    const { suggestions, settings } = await list();
    expect(settings).toEqual(set);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((s) => s.kind === 'person' && s.recommender === 'gazetteer' && s.score >= 0.5)).toBe(true);
    // What is left out stays as it was.
    expect(await ok(send, 'suggestions/configure', { minScore: 0.9 })).toEqual({ ...set, minScore: 0.9 });

    await refused(send, 'suggestions/configure', { recommenders: ['oracle'] }, 'invalid-argument', /recommenders/);
    await refused(send, 'suggestions/configure', { kinds: ['persn'] }, 'invalid-argument', /Unknown kind "persn"/);
    await refused(send, 'suggestions/configure', {}, 'invalid-argument', /Say what to change/);
    expect(await ok(send, 'suggestions/settings', {})).toEqual({ ...set, minScore: 0.9 });
  });

  it('measures each recommender against a layer, and counts what annotators accepted and rejected', async () => {
    await dehqan();
    const article = await ok<Article>(send, 'articles/get', { articleId: FIRST });
    const { suggestions } = await list();
    const names = suggestions.filter((s) => s.recommender === 'gazetteer');
    // bob tags one of the gazetteer's mentions and a person it does not know.
    await reopen('bob');
    const at = (quote: string) => ({
      start: article.text.indexOf(quote),
      end: article.text.indexOf(quote) + quote.length,
      quote,
    });
    await ok(send, 'annotations/create', {
      articleId: FIRST,
      kind: 'person',
      start: names[0]!.start,
      end: names[0]!.end,
      quote: names[0]!.quote,
    });
    await ok(send, 'annotations/create', { articleId: FIRST, kind: 'person', ...at('Khalid al-Obeidi') });
    await ok(send, 'annotations/create', { articleId: FIRST, kind: 'claim', ...at('These hired terrorists') });
    // alice accepts one gazetteer mention and rejects another.
    await reopen('alice');
    await ok(send, 'suggestions/accept', { articleId: FIRST, suggestionIds: [names[0]!.id] });
    await ok(send, 'suggestions/reject', { articleId: FIRST, suggestionIds: [names[1]!.id] });

    const report = await ok<SuggestionEvaluation>(send, 'suggestions/evaluate', { reference: 'bob' });
    expect(report).toMatchObject({ reference: 'bob', articles: 1 });
    const gazetteer = report.recommenders.find((r) => r.recommender === 'gazetteer')!;
    const n = names.length;
    expect(gazetteer).toEqual<RecommenderFigures>({
      recommender: 'gazetteer',
      suggested: n,
      matched: 1,
      referenceSpans: 2,
      precision: 1 / n,
      recall: 1 / 2,
      f1: (2 * (1 / n) * (1 / 2)) / (1 / n + 1 / 2),
      accepted: 1,
      rejected: 1,
      acceptanceRate: 0.5,
    });
    expect(report.recommenders.map((r) => r.recommender)).toEqual([
      'gazetteer',
      'learned',
      'language-model',
      'attribution',
    ]);
    // No gold layer yet: nothing measured, acceptance still counted.
    const gold = await ok<SuggestionEvaluation>(send, 'suggestions/evaluate', {});
    expect(gold).toMatchObject({ reference: 'gold', articles: 0 });
    expect(gold.recommenders[0]).toMatchObject({ suggested: 0, precision: 0, accepted: 1, rejected: 1 });

    // alice's accepted mention taken into gold: still one acceptance, and now measured against gold.
    const compared = await ok<ReviewComparison>(send, 'review/compare', {
      articleId: FIRST,
      annotators: ['alice', 'bob'],
    });
    const group = compared.groups.find((g) => g.items.some((a) => a.annotator === 'alice'))!;
    await ok(send, 'review/decide', {
      articleId: FIRST,
      annotators: ['alice', 'bob'],
      key: group.key,
      action: 'accept',
      annotator: 'alice',
    });
    const adjudicated = await ok<SuggestionEvaluation>(send, 'suggestions/evaluate', {});
    expect(adjudicated).toMatchObject({ reference: 'gold', articles: 1 });
    expect(adjudicated.recommenders[0]).toMatchObject({ matched: 1, accepted: 1, rejected: 1 });
  });
});
