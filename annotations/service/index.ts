import type { Handlers } from '../contract';
import type { OperationName } from '../operation-names';
import { OPERATION_NAMES } from '../operation-names';
import type { AnnotationRepository, StoreView } from '../repository';
import { agreementHandlers } from './agreement-handlers';
import type { AgreementMeasurer } from './agreement-measure';
import { createAgreementState } from './agreement-measure';
import { annotationHandlers } from './annotation-handlers';
import { articleHandlers } from './article-handlers';
import type { ServiceContext } from './context';
import { exportHandlers } from './export-handlers';
import { entityHandlers } from './entity-handlers';
import { eventHandlers } from './event-handlers';
import { historyHandlers } from './history-handlers';
import { importHandlers } from '../imports/import-handlers';
import type { Jobs } from './export-handlers';
import type { UploadStore } from '../imports/uploads';
import { relationHandlers } from './relation-handlers';
import { reviewHandlers } from './review-handlers';
import { createReviewProgressState } from './review-progress';
import { reviewSummary } from './review-summary';
import { FactmarkError } from '../errors';
import { GOLD } from '../model';
import { searchHandlers } from './search-handlers';
import { createExampleState } from './suggest-examples';
import type { SuggestRunner } from './suggest-runner';
import { suggestionHandlers } from './suggestion-handlers';
import { createSuggestionVersions } from '../suggest/changes-since';
import { tagsetHandlers } from './tagset-handlers';
import { teamHandlers } from './team-handlers';
import type { ProjectRemote } from '../project';

export interface ServiceOptions {
  /** Whose layer new annotations go to, unless the user saved a name in the settings. */
  annotator: string;
  /** The name was given for this session (a flag, the environment): it wins over the settings. */
  annotatorGiven?: boolean;
  now?: () => Date;
  newId?: () => string;
  /** The git side of a team project; absent where git cannot run (the project operations then say so). */
  remote?: ProjectRemote;
  /** Measures articles for the agreement report (a worker, in Node); by default on the thread that answers. */
  agreementMeasurer?: AgreementMeasurer;
  /** Runs the recommenders for suggestions (a worker, in Node); by default on the thread that answers. */
  suggestRunner?: SuggestRunner;
  /** Where files sent in pieces are kept until imported; absent: `import/upload` says it cannot. */
  uploads?: UploadStore;
}

/**
 * How each operation meets the store: `change` runs as one transaction (all
 * or nothing, one change at a time); `read` as a snapshot no change
 * interleaves with; `batch` saves in transactions of its own (an import, file
 * by file); `free` reads only what is in memory (so a progress poll is never
 * kept waiting behind the export it follows).
 */
const ACCESS: Record<OperationName, 'change' | 'read' | 'batch' | 'free'> = {
  'store/status': 'free',
  'store/restore': 'free',
  'articles/list': 'read',
  'articles/page': 'read',
  'articles/ids': 'read',
  'articles/neighbours': 'read',
  'articles/summaries': 'read',
  'articles/get': 'read',
  'annotations/list': 'read',
  'annotations/create': 'change',
  'annotations/update': 'change',
  'annotations/delete': 'change',
  'relations/create': 'change',
  'relations/delete': 'change',
  'documentLabels/set': 'change',
  'tagset/update': 'change',
  'guidelines/get': 'read',
  'guidelines/update': 'change',
  'entities/list': 'read',
  'entities/create': 'change',
  'entities/update': 'change',
  'entities/delete': 'change',
  'entities/merge': 'change',
  'entities/split': 'change',
  'entities/suggest': 'read',
  'entities/page': 'read',
  'events/list': 'read',
  'events/create': 'change',
  'events/update': 'change',
  'events/delete': 'change',
  'events/page': 'read',
  'search/query': 'read',
  'history/apply': 'change',
  'import/files': 'batch',
  'import/upload': 'free',
  'jobs/progress': 'free',
  'jobs/cancel': 'free',
  'export/file': 'read',
  'settings/update': 'change',
  'review/compare': 'read',
  'review/decide': 'change',
  'review/accept-agreed': 'change',
  'review/progress': 'read',
  'review/summary': 'read',
  // Reads in snapshots of its own, a batch at a time: changes go on while it measures.
  'agreement/report': 'free',
  'agreement/article': 'read',
  // The project remote takes the store for itself while it changes files.
  'project/status': 'free',
  'project/publish': 'free',
  'project/sync': 'free',
  'project/clone': 'free',
  'project/forget-credentials': 'free',
  'team/get': 'read',
  'team/member': 'change',
  'team/assign': 'change',
  'suggestions/list': 'read',
  'suggestions/changes': 'read',
  'suggestions/accept': 'change',
  'suggestions/reject': 'change',
  'suggestions/settings': 'read',
  'suggestions/configure': 'change',
  // Reads article by article, other requests answered as it waits on each file: edits go on while it measures.
  'suggestions/evaluate': 'free',
};

function projectHandlers(
  remote: ProjectRemote | undefined,
  annotator: string,
): Pick<
  Handlers,
  'project/status' | 'project/publish' | 'project/sync' | 'project/clone' | 'project/forget-credentials'
> {
  const need = (): ProjectRemote => {
    if (remote) return remote;
    throw new FactmarkError('conflict', 'Team projects need git, which this Factmark cannot run here');
  };
  return {
    'project/status': async () => need().status(annotator),
    'project/publish': async (args) => need().publish(args, annotator),
    'project/sync': async (args) => need().sync(args, annotator),
    'project/clone': async (args) => need().clone(args, annotator),
    'project/forget-credentials': async () => need().forgetCredentials(annotator),
  };
}

/** The one handler table both transports serve. */
export function createHandlers(repo: AnnotationRepository, options: ServiceOptions): Handlers {
  const session = {
    annotator: (!options.annotatorGiven && repo.readProject().settings?.annotator) || options.annotator,
  };
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const newId = options.newId ?? (() => crypto.randomUUID());
  /** Progress of long operations, by the id the client chose, while they run. */
  const jobs: Jobs = new Map();
  const agreement = createAgreementState(options.agreementMeasurer);
  const reviewProgress = createReviewProgressState();
  const suggestSources = { repo, examples: createExampleState(), runner: options.suggestRunner };
  // The lists of suggestions given out, kept across requests: later answers are their changes.
  const suggestionVersions = createSuggestionVersions();

  /** The handlers over one view of the store: a transaction, a snapshot, or the store itself. */
  /**
   * `committed` collects what to do once the operation's transaction is
   * saved (a change of the session follows the saved setting, never a
   * refused one).
   */
  function tableOver(
    view: StoreView,
    transact: ServiceContext['transact'] = (work) => work(view),
    committed: (() => void)[] = [],
  ): Handlers {
    const ctx: ServiceContext = { repo: view, transact, annotator: session.annotator, now, newId };
    const status = ({ tagset, settings } = repo.readProject(), annotator = session.annotator) => {
      const organisation = settings?.reviewingOrganisation;
      return { ...repo.status(), annotator, tagset, ...(organisation ? { reviewingOrganisation: organisation } : {}) };
    };
    return {
      'store/status': async () => status(),
      'store/restore': async ({ articleId }) => {
        await repo.restoreLayer(articleId);
        return status();
      },
      'articles/list': async () => view.listArticles(),
      'articles/get': async ({ articleId }) => view.getArticle(articleId),
      ...articleHandlers(ctx),
      ...annotationHandlers(ctx),
      ...relationHandlers(ctx),
      ...tagsetHandlers(ctx),
      ...entityHandlers(ctx),
      ...eventHandlers(ctx),
      ...searchHandlers(ctx),
      ...historyHandlers(ctx),
      ...importHandlers(ctx, jobs, options.uploads),
      ...reviewHandlers(ctx, { repo, progress: reviewProgress }),
      'review/summary': async ({ articleIds }) => reviewSummary(repo, view, reviewProgress, articleIds),
      ...agreementHandlers(ctx, { repo, jobs, state: agreement }),
      'settings/update': async ({ annotator, reviewingOrganisation }) => {
        if (annotator === GOLD)
          throw new FactmarkError('invalid-argument', `"${GOLD}" is the adjudicated layer's name; choose another name`);
        const project = await view.updateProject((p) => {
          const settings = { ...p.settings };
          if (annotator) settings.annotator = annotator;
          if (reviewingOrganisation === null) delete settings.reviewingOrganisation;
          else if (reviewingOrganisation) settings.reviewingOrganisation = reviewingOrganisation;
          return { ...p, settings };
        });
        if (annotator) committed.push(() => (session.annotator = annotator));
        return status(project, annotator ?? session.annotator);
      },
      'jobs/progress': async ({ jobId }) => jobs.get(jobId) ?? null,
      ...exportHandlers(ctx, jobs),
      ...teamHandlers(ctx),
      ...suggestionHandlers(ctx, suggestSources, suggestionVersions),
      ...projectHandlers(options.remote, session.annotator),
    };
  }

  const table = {} as Record<OperationName, (args: never) => Promise<unknown>>;
  for (const name of OPERATION_NAMES) {
    const run = (view: StoreView, args: never, committed?: (() => void)[]) =>
      (tableOver(view, undefined, committed)[name] as (args: never) => Promise<unknown>)(args);
    table[name] = async (args) => {
      switch (ACCESS[name]) {
        case 'change': {
          const committed: (() => void)[] = [];
          const result = await repo.transact((tx) => run(tx, args, committed));
          for (const then of committed) then();
          return result;
        }
        case 'read':
          return repo.snapshot((view) => run(view, args));
        case 'batch':
          return (tableOver(repo, (work) => repo.transact(work))[name] as (args: never) => Promise<unknown>)(args);
        case 'free':
          return run(repo, args);
      }
    };
  }
  return table as unknown as Handlers;
}
