import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../../annotations/changes';
import type { Annotation } from '../../../annotations/model';
import type { Suggestion, SuggestSettings } from '../../../annotations/suggest/recommender';
import type { ChangesSince } from '../../../annotations/suggest/changes-since';
import { createSuggestionVersions } from '../../../annotations/suggest/changes-since';
import type { SuggestionsApi } from '../../../renderer/src/state/suggestions';
import {
  createSuggestionsStore,
  keepUnchanged,
  mayChange,
  withoutAnnotated,
} from '../../../renderer/src/state/suggestions';
import type { WorkspaceState } from '../../../renderer/src/state/workspace-store';

const SETTINGS: SuggestSettings = { recommenders: ['gazetteer'], kinds: null, minScore: 0.3 };
const STAMP = '2026-12-01T00:00:00.000Z';

function suggestion(id: string, kind: string, start: number, end: number): Suggestion {
  return {
    id,
    recommender: 'gazetteer',
    kind,
    start,
    end,
    quote: '',
    score: 0.9,
    attributes: {},
    entityId: null,
    saidBy: null,
  };
}

function annotation(id: string, kind: string, start: number, end: number): Annotation {
  return {
    id,
    articleId: 'a1',
    annotator: 'me',
    kind,
    start,
    end,
    quote: '',
    attributes: {},
    note: '',
    entityId: null,
    eventId: null,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}

/** A workspace as the suggestions see it, a server that answers when told, and a page that is idle when told. */
function setup(answer: Suggestion[], options: { holdSettings?: boolean } = {}) {
  let state = {
    article: { id: 'a1' },
    layer: { annotations: [] as Annotation[], relations: [], documentLabels: [] },
    undoStack: [],
    redoStack: [],
    entities: [],
    status: null,
  } as unknown as WorkspaceState;
  const listeners = new Set<() => void>();
  const idle: (() => void)[] = [];
  const calls: string[] = [];
  const replies: ((value: unknown) => void)[] = [];
  const reply = <T>(name: string) =>
    new Promise<T>((resolve) => {
      calls.push(name);
      replies.push(resolve as (value: unknown) => void);
    });
  let listed = answer;
  // The server's own versions: answers are changes since the list the page holds.
  let versions = createSuggestionVersions();
  let tamper: ((changes: ChangesSince) => ChangesSince) | null = null;
  const answered: ChangesSince[] = [];
  let settingsRead = 0;
  let answerSettings: ((settings: SuggestSettings | null) => void) | null = null;
  const api: SuggestionsApi = {
    changes: async (articleId, since) => {
      await reply(`list ${articleId}`);
      const changes = versions.changes(
        articleId,
        listed.map((s) => ({ ...s })),
        since,
      );
      answered.push(changes);
      const sent = tamper ? tamper(changes) : changes;
      tamper = null;
      return { ...sent, settings: SETTINGS };
    },
    accept: (articleId, ids) => reply(`accept ${articleId} ${ids.join(',')}`),
    reject: (articleId, ids) => reply(`reject ${articleId} ${ids.join(',')}`),
    settings: async () => {
      settingsRead++;
      if (!options.holdSettings) return SETTINGS;
      return new Promise<SuggestSettings | null>((resolve) => (answerSettings = resolve));
    },
    configure: async (patch) => ({ ...SETTINGS, ...patch }),
  };
  const store = createSuggestionsStore({
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    api,
    later: (run) => {
      idle.push(run);
      return () => idle.splice(idle.indexOf(run) >>> 0, 1);
    },
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    store,
    calls,
    /** The page goes idle: what waits for it runs. */
    idle: async () => {
      for (const run of idle.splice(0)) run();
      await settle();
    },
    /** The server answers the oldest question waiting (null: it failed). */
    answer: async (value: unknown = true) => {
      replies.shift()!(value);
      await settle();
    },
    change: (patch: Partial<WorkspaceState>) => {
      state = { ...state, ...patch };
      for (const listener of [...listeners]) listener();
    },
    setListed: (next: Suggestion[]) => void (listed = next),
    settingsRead: () => settingsRead,
    /** The settings read (held back) is answered now (null: it failed). */
    answerSettings: async (settings: SuggestSettings | null) => {
      answerSettings!(settings);
      await settle();
    },
    state: () => state,
    answered,
    /** The server starts again: it knows none of the versions it gave. */
    restartServer: () => void (versions = createSuggestionVersions()),
    /** The next answer is changed on its way (a server that answers against another list). */
    tamperNext: (change: (changes: ChangesSince) => ChangesSince) => void (tamper = change),
  };
}

/** An undo step rejecting a suggestion of `articleId`. */
function rejectionStep(articleId: string): ChangeSet {
  const rejection = {
    id: 'rj-person-0-6',
    articleId,
    annotator: 'me',
    kind: 'person',
    start: 0,
    end: 6,
    recommender: 'gazetteer',
    rejectedAt: STAMP,
  };
  return { label: 'Reject', changes: [{ type: 'rejection', articleId, before: null, after: rejection }] };
}

const dehqan = [
  suggestion('s1', 'person', 0, 6),
  suggestion('s2', 'person', 20, 26),
  suggestion('s3', 'place', 40, 45),
];

describe('the open article’s suggestions', () => {
  it('are asked for once the page is idle, never while the article is being shown', async () => {
    const t = setup(dehqan);
    const off = t.store.subscribe(() => undefined);
    expect(t.calls).toEqual([]);
    await t.idle();
    expect(t.calls).toEqual(['list a1']);
    await t.answer();
    expect(t.store.getState().suggestions.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(t.store.getState().settings).toEqual(SETTINGS);
    off();
  });

  it('have their settings read at once, apart from the list, which alone waits for the idle page; the list is said to have come only once it has, for each article', async () => {
    const t = setup(dehqan);
    const off = t.store.subscribe(() => undefined);
    await Promise.resolve();
    // Whether a recommender runs is known before the page is idle, and nothing of the list has been asked.
    expect(t.store.getState().settings).toEqual(SETTINGS);
    expect(t.settingsRead()).toBe(1);
    expect(t.calls).toEqual([]);
    expect(t.store.getState().listed).toBe(false);
    await t.idle();
    expect(t.store.getState().listed).toBe(false);
    await t.answer();
    expect(t.store.getState().listed).toBe(true);
    // Another article: its list has not come, though the settings stay known (and are not read again).
    t.change({ article: { id: 'a2' } as WorkspaceState['article'] });
    expect(t.store.getState().listed).toBe(false);
    expect(t.store.getState().suggestions).toEqual([]);
    await t.idle();
    await t.answer();
    expect(t.store.getState().listed).toBe(true);
    expect(t.settingsRead()).toBe(1);
    off();
    expect(t.store.getState().listed).toBe(false);
  });

  it('keep the newer settings when the settings read answers late, and take them from the list when it fails', async () => {
    const mine = { ...SETTINGS, recommenders: [] };
    // Answered after the list: the list's settings stay.
    const late = setup(dehqan, { holdSettings: true });
    late.store.subscribe(() => undefined);
    await late.idle();
    await late.answer();
    expect(late.store.getState().settings).toEqual(SETTINGS);
    await late.answerSettings(mine);
    expect(late.store.getState().settings).toEqual(SETTINGS);
    // Answered after the user saved settings: theirs stay.
    const saved = setup(dehqan, { holdSettings: true });
    saved.store.subscribe(() => undefined);
    await saved.store.configure({ recommenders: ['gazetteer'] });
    await saved.answerSettings(mine);
    expect(saved.store.getState().settings?.recommenders).toEqual(['gazetteer']);
    // Failed: nothing is known until the list says.
    const failed = setup(dehqan, { holdSettings: true });
    failed.store.subscribe(() => undefined);
    await failed.answerSettings(null);
    expect(failed.store.getState().settings).toBeNull();
    await failed.idle();
    await failed.answer();
    expect(failed.store.getState().settings).toEqual(SETTINGS);
  });

  it('leave at once when accepted or rejected, and are asked for again after the edit', async () => {
    const t = setup(dehqan);
    t.store.subscribe(() => undefined);
    await t.idle();
    await t.answer();
    const accepting = t.store.accept(['s1']);
    expect(t.store.getState().suggestions.map((s) => s.id)).toEqual(['s2', 's3']);
    expect(t.calls.at(-1)).toBe('accept a1 s1');
    await t.answer([annotation('n1', 'person', 0, 6)]);
    await accepting;
    // The workspace applies the change set: the layer has the span, and the list is asked for again.
    t.setListed(dehqan.slice(1));
    t.change({
      layer: { ...t.state().layer, annotations: [annotation('n1', 'person', 0, 6)] },
      undoStack: [{ label: 'Accept', changes: [] }],
    });
    await t.idle();
    expect(t.calls.at(-1)).toBe('list a1');
    void t.store.reject(['s2']);
    expect(t.store.getState().suggestions.map((s) => s.id)).toEqual(['s3']);
    expect(t.calls.at(-1)).toBe('reject a1 s2');
  });

  it('are asked for as changes since the list held: after an edit only what left or came crosses the wire', async () => {
    const t = setup(dehqan);
    t.store.subscribe(() => undefined);
    await t.idle();
    await t.answer();
    const first = t.store.getState().suggestions;
    expect(t.answered[0]).toMatchObject({ since: null, came: dehqan });
    // The layer gets s1's span; the server's list loses s1 and gains another.
    const s4 = suggestion('s4', 'place', 60, 66);
    t.setListed([...dehqan.slice(1), s4]);
    t.change({ layer: { ...t.state().layer, annotations: [annotation('n1', 'person', 0, 6)] } });
    // Gone from the text at once, before any answer.
    expect(t.store.getState().suggestions.map((s) => s.id)).toEqual(['s2', 's3']);
    await t.idle();
    await t.answer();
    expect(t.answered[1]).toMatchObject({ since: t.answered[0]!.version, gone: ['s1'], came: [s4], at: [2] });
    const now = t.store.getState().suggestions;
    expect(now.map((s) => s.id)).toEqual(['s2', 's3', 's4']);
    // What stayed is the same objects: the ghosts redraw only what changed.
    expect(now[0]).toBe(first[1]);
    expect(now[1]).toBe(first[2]);
  });

  it('are asked for whole again when the server no longer knows the list held (a restart)', async () => {
    const t = setup(dehqan);
    t.store.subscribe(() => undefined);
    await t.idle();
    await t.answer();
    const first = t.store.getState().suggestions;
    t.restartServer();
    t.change({ entities: [] });
    await t.idle();
    await t.answer();
    expect(t.answered[1]).toMatchObject({ since: null, came: dehqan });
    // Every suggestion came, and the unchanged ones are still the objects shown: nothing to redraw.
    expect(t.store.getState().suggestions).toBe(first);
  });

  it('are asked for whole when the changes do not fit the list held, never shown wrong', async () => {
    const t = setup(dehqan);
    t.store.subscribe(() => undefined);
    await t.idle();
    await t.answer();
    t.setListed(dehqan.slice(1));
    // Changes against another list: a suggestion gone that this page never had.
    t.tamperNext((changes) => ({ ...changes, gone: ['s9'] }));
    t.change({ entities: [] });
    await t.idle();
    await t.answer();
    expect(t.calls).toEqual(['list a1', 'list a1', 'list a1']);
    expect(t.store.getState().suggestions.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    await t.answer();
    expect(t.answered.at(-1)).toMatchObject({ since: null });
    expect(t.store.getState().suggestions.map((s) => s.id)).toEqual(['s2', 's3']);
  });

  it('drop an answer asked before an accept (it would bring the accepted ghost back)', async () => {
    const t = setup(dehqan);
    t.store.subscribe(() => undefined);
    await t.idle();
    await t.answer();
    t.change({ entities: [] }); // A registry change: asked again.
    await t.idle();
    void t.store.accept(['s1']);
    await t.answer(); // The list asked before the accept, still with s1.
    expect(t.store.getState().suggestions.map((s) => s.id)).toEqual(['s2', 's3']);
  });

  it('come back when an accept fails', async () => {
    const t = setup(dehqan);
    t.store.subscribe(() => undefined);
    await t.idle();
    await t.answer();
    void t.store.accept(['s1']);
    await t.answer(null);
    await t.idle();
    expect(t.calls.at(-1)).toBe('list a1');
    await t.answer();
    expect(t.store.getState().suggestions.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
  });

  it('come back after a rejection is undone (asked for again when the step on top is one)', async () => {
    const t = setup(dehqan.slice(1));
    t.store.subscribe(() => undefined);
    await t.idle();
    await t.answer();
    t.setListed(dehqan);
    t.change({ redoStack: [rejectionStep('a1')] });
    await t.idle();
    await t.answer();
    expect(t.store.getState().suggestions.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
  });

  it('are not asked for again for what cannot change them (a selection, a history read back, another article’s step)', async () => {
    const t = setup(dehqan);
    t.store.subscribe(() => undefined);
    await t.idle();
    await t.answer();
    const asked = t.calls.length;
    t.change({ selectedId: 'x' } as Partial<WorkspaceState>);
    t.change({ undoStack: [{ label: 'Edit note', changes: [] }] });
    t.change({ undoStack: [rejectionStep('a2')] });
    await t.idle();
    expect(t.calls).toHaveLength(asked);
  });

  it('are asked for one question at a time: changes while one is on its way ask once more after it', async () => {
    const t = setup(dehqan);
    t.store.subscribe(() => undefined);
    await t.idle();
    t.change({ entities: [] });
    await t.idle();
    t.change({ entities: [] as WorkspaceState['entities'] });
    await t.idle();
    expect(t.calls).toEqual(['list a1']);
    await t.answer(); // Dropped: asked before the changes.
    expect(t.calls).toEqual(['list a1', 'list a1']);
    await t.answer();
    expect(t.store.getState().suggestions).toHaveLength(3);
  });

  it('of one kind are accepted together', async () => {
    const t = setup(dehqan);
    t.store.subscribe(() => undefined);
    await t.idle();
    await t.answer();
    void t.store.acceptKind('person');
    expect(t.calls.at(-1)).toBe('accept a1 s1,s2');
    expect(t.store.getState().suggestions.map((s) => s.id)).toEqual(['s3']);
  });

  it('are the new article’s when another is opened', async () => {
    const t = setup(dehqan);
    t.store.subscribe(() => undefined);
    await t.idle();
    await t.answer();
    t.change({ article: { id: 'a2' } as WorkspaceState['article'] });
    expect(t.store.getState()).toMatchObject({ articleId: 'a2', suggestions: [] });
    await t.idle();
    expect(t.calls.at(-1)).toBe('list a2');
  });
});

describe('a change of the workspace', () => {
  const base = {
    layer: { annotations: [], relations: [], documentLabels: [] },
    undoStack: [],
    redoStack: [],
    entities: [],
    status: null,
    article: null,
  } as unknown as WorkspaceState;

  it('may change the suggestions when it rejects, or undoes or redoes a rejection, of that article', () => {
    const step = rejectionStep('a1');
    expect(mayChange(base, { ...base, undoStack: [step] }, 'a1')).toBe(true);
    expect(mayChange({ ...base, undoStack: [step] }, { ...base, redoStack: [step] }, 'a1')).toBe(true);
    expect(mayChange(base, { ...base, undoStack: [step] }, 'a2')).toBe(false);
    expect(mayChange(base, { ...base, entities: [] }, 'a1')).toBe(true);
    expect(mayChange(base, { ...base }, 'a1')).toBe(false);
  });
});

describe('suggestions kept', () => {
  it('as the same objects while unchanged, so the ghosts redraw only what changed', () => {
    const before = dehqan;
    const same = keepUnchanged(
      before,
      before.map((s) => ({ ...s })),
    );
    expect(same).toBe(before);
    const moved = keepUnchanged(before, [{ ...before[0]! }, { ...before[1]!, score: 0.5 }]);
    expect(moved[0]).toBe(before[0]);
    expect(moved[1]).not.toBe(before[1]);
  });

  it('less those whose kind and span the layer has', () => {
    expect(withoutAnnotated(dehqan, [annotation('x', 'person', 20, 26)]).map((s) => s.id)).toEqual(['s1', 's3']);
    // Another kind on the same span is still proposed.
    expect(withoutAnnotated(dehqan, [annotation('x', 'place', 0, 6)])).toBe(dehqan);
  });

  it('less exactly those a naive pass over every suggestion takes out, also when asked again of the same list', () => {
    const span = fc.record({
      kind: fc.constantFrom('person', 'place', 'claim'),
      start: fc.integer({ min: 0, max: 12 }),
      length: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(span, { maxLength: 30 }),
        fc.array(fc.array(span, { maxLength: 4 }), { maxLength: 4 }),
        (ss, asks) => {
          const suggestions = ss.map((s, i) => suggestion(`s${i}`, s.kind, s.start, s.start + s.length));
          // Several asks of one list: the second and later use what the first one made of it.
          for (const ask of asks) {
            const annotations = ask.map((a, i) => annotation(`a${i}`, a.kind, a.start, a.start + a.length));
            const taken = (s: Suggestion) =>
              annotations.some((a) => a.kind === s.kind && a.start === s.start && a.end === s.end);
            const left = withoutAnnotated(suggestions, annotations);
            expect(left).toEqual(suggestions.filter((s) => !taken(s)));
            if (!suggestions.some(taken)) expect(left).toBe(suggestions);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
