import { FLUSH_ALL_FROM } from '../../annotations/node/new-files-write';
import type { Args, Handlers } from '../../annotations/contract';
import type { ChangeSet, Mutation } from '../../annotations/changes';
import type { Annotation, Entity, EventRecord } from '../../annotations/model';
import type { AnnotationRepository } from '../../annotations/repository';
import { createHandlers } from '../../annotations/service/index';

/**
 * A fixed sequence of changes that each touch several store files (merge,
 * split, their undo and redo, tagset migrations, adjudication, a bundle
 * import, an import of many articles), run the same way by the crash test's
 * child process and by the test itself, so the store after any prefix of it can be computed exactly.
 */

/** Ids and times that repeat from run to run. */
export function deterministic(prefix: string) {
  let ids = 0;
  let ticks = 0;
  return {
    newId: () => `${prefix}-${(++ids).toString().padStart(4, '0')}`,
    now: () => new Date(Date.UTC(2026, 0, 2) + ++ticks * 1000),
  };
}

/** The handler tables of two annotators over one store, sharing one clock and id counter. */
export function scenarioHandlers(repo: AnnotationRepository, prefix: string) {
  const clock = deterministic(prefix);
  return {
    alice: createHandlers(repo, { annotator: 'alice', annotatorGiven: true, ...clock }),
    bob: createHandlers(repo, { annotator: 'bob', annotatorGiven: true, ...clock }),
  };
}

type Tables = ReturnType<typeof scenarioHandlers>;

async function tagWord(h: Handlers, articleId: string, text: string, word: string, kind: string, extra: object = {}) {
  const start = text.indexOf(word);
  if (start < 0) throw new Error(`"${word}" not in ${articleId}`);
  const args = { articleId, kind, start, end: start + word.length, quote: word, ...extra };
  return (await h['annotations/create'](args as Args<'annotations/create'>)).value;
}

/** The capitalised words of a text, in order: spans every sample article has. */
const words = (text: string) => [...new Set(text.match(/\b[A-Z][a-z]{3,}\b/g) ?? [])];

export interface ScenarioBase {
  articles: string[];
  /** The person mentions of alice in the first two articles (split moves them). */
  persons: Annotation[];
  claimInThird: Annotation;
  keep: Entity;
  twin: Entity;
  event: EventRecord;
}

/** Annotations, entities and an event across three articles, by alice and bob. */
export async function setUpBase(repo: AnnotationRepository): Promise<ScenarioBase> {
  const { alice, bob } = scenarioHandlers(repo, 'base');
  const articles = repo
    .listArticles()
    .map((a) => a.id)
    .slice(0, 3);
  const keep = (await alice['entities/create']({ name: 'Hossein Dehqan', type: 'person' })).value;
  const twin = (await alice['entities/create']({ name: 'General Dehqan', type: 'person', aliases: ['Dehghan'] })).value;
  const event = (await alice['events/create']({ title: 'Defence talks', type: 'meeting', participants: [twin.id] }))
    .value;
  const persons: Annotation[] = [];
  let claimInThird: Annotation | null = null;
  for (const [i, articleId] of articles.entries()) {
    const { text } = await repo.getArticle(articleId);
    const [w0, w1, w2] = words(text);
    for (const [who, h] of [
      ['alice', alice],
      ['bob', bob],
    ] as const) {
      const speaker = await tagWord(h, articleId, text, w0!, 'speaker', { entityId: twin.id });
      const claim = await tagWord(h, articleId, text, w1!, 'claim', {
        attributes: who === 'alice' ? { checkWorthy: true, claimType: 'opinion' } : { verdict: 'false' },
      });
      await h['relations/create']({
        articleId,
        type: 'said-by',
        from: claim.id,
        to: { kind: 'annotation', id: speaker.id },
      });
      if (who === 'alice') {
        persons.push(await tagWord(h, articleId, text, w2!, 'person', { entityId: twin.id }));
        await h['documentLabels/set']({ articleId, labels: { stance: 'neutral' } });
        if (i === 2) claimInThird = claim;
      }
    }
  }
  return { articles, persons: persons.slice(0, 2), claimInThird: claimInThird!, keep, twin, event };
}

export interface Step {
  name: string;
  run: () => Promise<unknown>;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');
const BRAT_TEXT = base64('Reuters reported from Baghdad that Ana Ruiz met ministers.\n');
const BRAT_ANN = base64(
  [
    'T1\tOrganization 0 7\tReuters',
    'T2\tGPE 22 29\tBaghdad',
    'T3\tPerson 35 43\tAna Ruiz',
    'R1\tLocated Arg1:T3 Arg2:T2',
    'N1\tReference T2 Wikipedia:3810\tBaghdad',
    '#1\tAnnotatorNotes R1\tseen there',
    '',
  ].join('\n'),
);

/** A JSONL file (base64) of more articles than `writeNewFiles` flushes one by one. */
const MANY_ARTICLES = Buffer.from(
  Array.from({ length: FLUSH_ALL_FROM + 6 }, (_, i) =>
    JSON.stringify({ id: `wire-${i}`, text: `Wire report ${i}: officials met in Tehran on day ${i}.` }),
  ).join('\n'),
).toString('base64');

/** The steps, each one operation; `bundle` is a Factmark bundle of another store, as base64. */
export function scenarioSteps(h: Tables, base: ScenarioBase, bundle: string): Step[] {
  const { alice } = h;
  const done: Record<string, ChangeSet> = {};
  const keepSet = (name: string) => (m: Mutation<unknown>) => (done[name] = m.changeSet);
  const undo = (name: string) => () => alice['history/apply']({ changeSet: done[name]!, direction: 'undo' });
  const redo = (name: string) => () => alice['history/apply']({ changeSet: done[name]!, direction: 'redo' });
  const tagset = async (edit: (t: Args<'tagset/update'>['tagset'] & object) => unknown) => {
    const status = await alice['store/status']({});
    return alice['tagset/update']({ tagset: edit(structuredClone(status.tagset)) });
  };
  return [
    {
      name: 'merge',
      run: () => alice['entities/merge']({ into: base.keep.id, from: [base.twin.id] }).then(keepSet('merge')),
    },
    { name: 'undo merge', run: undo('merge') },
    { name: 'redo merge', run: redo('merge') },
    {
      name: 'split',
      run: () =>
        alice['entities/split']({
          id: base.keep.id,
          mentions: base.persons.map((p) => ({ articleId: p.articleId, annotationId: p.id })),
          name: 'Dehqan (other)',
        }).then(keepSet('split')),
    },
    { name: 'undo split', run: undo('split') },
    { name: 'redo split', run: redo('split') },
    {
      name: 'drop an attribute',
      run: () =>
        tagset((t) => {
          const tags = t as { kinds: { kind: string; attributes: { name: string }[] }[] };
          const claim = tags.kinds.find((k) => k.kind === 'claim')!;
          claim.attributes = claim.attributes.filter((a) => a.name !== 'checkWorthy');
          return tags;
        }).then(keepSet('attribute')),
    },
    { name: 'undo attribute', run: undo('attribute') },
    {
      name: 'drop an article label',
      run: () =>
        tagset((t) => {
          const tags = t as { documentLabels: { name: string }[] };
          tags.documentLabels = tags.documentLabels.filter((d) => d.name !== 'stance');
          return tags;
        }).then(keepSet('label')),
    },
    { name: 'undo label', run: undo('label') },
    { name: 'redo label', run: redo('label') },
    {
      name: 'adjudicate',
      run: async () => {
        const articleId = base.articles[0]!;
        const { groups } = await alice['review/compare']({ articleId, annotators: ['alice', 'bob'] });
        const group = groups.find((g) => g.differences.length > 0)!;
        return alice['review/decide']({
          articleId,
          annotators: ['alice', 'bob'],
          key: group.key,
          action: 'accept',
          annotator: 'bob',
        }).then(keepSet('decide'));
      },
    },
    { name: 'undo adjudication', run: undo('decide') },
    { name: 'redo adjudication', run: redo('decide') },
    {
      name: 'import a bundle',
      run: () => alice['import/files']({ format: 'bundle', files: [{ name: 'carol.json', content: bundle }] }),
    },
    {
      // A new article, tagset growth and a new registry entity, with the layer: several files in one change.
      name: 'import brat, growing the tagset',
      run: () =>
        alice['import/files']({
          format: 'brat',
          extendTagset: true,
          files: [
            { name: 'brat/wire.txt', content: BRAT_TEXT },
            { name: 'brat/wire.ann', content: BRAT_ANN },
          ],
        }),
    },
    {
      // Enough articles to be written first and flushed together, then renamed (see `FLUSH_ALL_FROM`).
      name: 'import a JSONL file of many articles',
      run: () =>
        alice['import/files']({
          format: 'articles',
          files: [{ name: 'wire.jsonl', content: MANY_ARTICLES }],
        }),
    },
    {
      name: 'edit the event',
      run: () => alice['events/update']({ id: base.event.id, place: 'Tehran' }),
    },
    {
      name: 'delete a claim with its links',
      run: () => alice['annotations/delete']({ articleId: base.claimInThird.articleId, id: base.claimInThird.id }),
    },
  ];
}
