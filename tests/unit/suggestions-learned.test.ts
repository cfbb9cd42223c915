import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers, SuggestionList } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import { addSampleCorpus } from '../../annotations/node/sample-corpus';
import type { AnnotationRepository } from '../../annotations/repository';
import { createHandlers } from '../../annotations/service';
import { withinBudget } from '../../annotations/service/suggest-learned';
import { useStoreOpener } from '../support/open-store';
import { makeTempDir } from '../support/temp-dir';

const SAMPLE = 'annotations/sample-corpus';
const [A0, A1, A2] = ['000_0032acaf3c30b9bc', '001_3eea3b6f31cb041f', '002_7feab6871f0e57f9'];

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());
const openStore = useStoreOpener();

/** The service over the sample corpus, counting the articles the suggestions read for their examples. */
async function counted(): Promise<{ handlers: Handlers; reads: string[] }> {
  const repo = await openStore(join(temp.dir, 'store'));
  await addSampleCorpus(repo, SAMPLE);
  const reads: string[] = [];
  const watched: AnnotationRepository = {
    ...repo,
    readUnkept: (articleId, withText) => {
      reads.push(articleId);
      return repo.readUnkept!(articleId, withText);
    },
  };
  return { handlers: createHandlers(watched, { annotator: 'alice', annotatorGiven: true }), reads };
}

async function call<T>(handlers: Handlers, name: string, args: object): Promise<T> {
  const envelope = await dispatch(handlers, name, args);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.result as T;
}

/** Tags every occurrence of `quote` in an article as `kind`. */
async function tagAll(handlers: Handlers, articleId: string, quote: string, kind: string) {
  const { text } = await call<{ text: string }>(handlers, 'articles/get', { articleId });
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1))
    await call(handlers, 'annotations/create', { articleId, kind, start: at, end: at + quote.length, quote });
}

describe('the learned recommender in the service', () => {
  it('proposes on one article what the annotator tagged on another, reading each annotated article once per change', async () => {
    const { handlers, reads } = await counted();
    await call(handlers, 'suggestions/configure', { recommenders: ['learned'] });
    await tagAll(handlers, A0, 'al-Obeidi', 'person');

    const first = await call<SuggestionList>(handlers, 'suggestions/list', { articleId: A1 });
    // "al-Obeidi" and "Al-Obeidi": the phrase is found whatever its case.
    expect(first.suggestions.length).toBeGreaterThan(0);
    for (const s of first.suggestions)
      expect(s).toMatchObject({ recommender: 'learned', kind: 'person', quote: expect.stringMatching(/^al-Obeidi$/i) });
    expect(reads).toEqual([A0]);
    // Nothing changed: nothing read again, and an accept right after the list finds what it listed.
    await call<SuggestionList>(handlers, 'suggestions/list', { articleId: A2 });
    const accepted = await call<{ value: { suggestedBy?: string }[] }>(handlers, 'suggestions/accept', {
      articleId: A1,
      suggestionIds: [first.suggestions[0]!.id],
    });
    expect(accepted.value[0]?.suggestedBy).toBe('learned');
    expect(reads).toEqual([A0]);
    // A1 now holds alice's layer: it is read once more, and A0 is not.
    await call<SuggestionList>(handlers, 'suggestions/list', { articleId: A2 });
    expect(reads).toEqual([A0, A1]);
  });

  it('reads past the text budget only the tagged phrases, and past the span budget nothing', () => {
    const example = (text: string, quote: string) => ({
      text,
      annotations: [
        {
          kind: 'person',
          start: text.indexOf(quote),
          end: text.indexOf(quote) + quote.length,
          attributes: {},
          entityId: null,
        },
      ],
    });
    const examples = [
      example('Dehqan spoke in Tehran.', 'Dehqan'),
      example('Later al-Obeidi answered him.', 'al-Obeidi'),
      example('Nobody else.', 'Nobody'),
    ];
    const kept = withinBudget(examples, { text: 30, spans: 2 });
    expect(kept).toEqual([
      examples[0],
      { text: 'al-Obeidi', annotations: [{ ...examples[1]!.annotations[0]!, start: 0, end: 9 }] },
    ]);
  });
});
