import { z } from 'zod';
import type { ChangeSet, Mutation } from './changes';
import { EXPORT_FORMATS } from './formats/export-formats';
import type { FileReport } from './imports/article-import';
import type { WireError } from './errors';
import type {
  Annotation,
  Article,
  ArticleLayer,
  ArticleSummary,
  Decision,
  DocumentLabels,
  Entity,
  EventRecord,
  Rejection,
  Relation,
} from './model';
import { LabelMapSchema } from './imports/label-mapping';
import { AttributesSchema, ENTITY_TYPES, IdSchema, RelationTargetSchema } from './model';
import type { OperationName } from './operation-names';
import { CONFLICT_CHOICES, TEAM_ROLES } from './project';
import type { ProjectStatus, SyncOutcome, Team } from './project';
import type { ComparedGroup } from './review/compare';
import type { AnnotatorProgress, LabelDistribution } from './review/corpus-figures';
import type { ArticleAgreement, CorpusAgreement } from './agreement/figure-types';
import type { StoreStatus } from './repository';
import type { Tagset } from './tagset';
import { RecommenderIdSchema } from './suggest/recommender';
import type { Suggestion, SuggestSettings } from './suggest/recommender';
import type { ChangesSince } from './suggest/changes-since';

const ArticleRef = z.strictObject({ articleId: IdSchema });
/** An annotator's name: any printable text, without surrounding spaces. */
const AnnotatorName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[^\p{C}]+$/u, 'must not contain control characters');
const RecordRef = z.strictObject({ id: IdSchema });
const ArticleRecordRef = z.strictObject({ articleId: IdSchema, id: IdSchema });
const Text = (max: number) => z.string().trim().max(max);
const EntityFields = {
  name: Text(300).min(1),
  type: z.enum(ENTITY_TYPES),
  aliases: z.array(Text(300).min(1)),
  externalId: Text(200).nullable(),
};
const EventFields = {
  title: Text(300).min(1),
  type: z.string().min(1).max(100),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2017-07-23')
    .nullable(),
  place: Text(300).nullable(),
  participants: z.array(IdSchema),
};

/** A git remote: HTTPS (or HTTP, for a server on this machine); credentials go apart, never in the URL. */
const RemoteUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (url) => /^https?:\/\/[^\s/]+/.test(url),
    'must be an http(s) URL such as https://github.com/team/project.git',
  )
  .refine((url) => !/^https?:\/\/[^/@]*@/.test(url), 'must not carry a user or password: give them as credentials');
/** A user name and password, or an access token (as the password, the user name optional). */
const RemoteCredentials = z.strictObject({
  username: z.string().trim().max(200).optional(),
  password: z.string().min(1).max(4000),
});
export type RemoteCredentials = z.infer<typeof RemoteCredentials>;

/** Which layers an export holds; see `export/file`. */
export const ExportScopeSchema = z.discriminatedUnion('layer', [
  z.strictObject({ layer: z.literal('one'), annotator: AnnotatorName }),
  z.strictObject({ layer: z.literal('gold'), includeUnadjudicated: z.boolean().optional() }),
  z.strictObject({ layer: z.literal('all') }),
]);
export type ExportScope = z.infer<typeof ExportScopeSchema>;

/** Argument schemas of every operation: both transports parse with these before a handler runs. */
export const argumentSchemas = {
  'store/status': z.strictObject({}),
  /** Puts back the last good copy of an article's unreadable annotations file. */
  'store/restore': ArticleRef,
  'articles/list': z.strictObject({}),
  /**
   * Rows `offset` to `offset + limit` of the article list (of the articles assigned to `assignedTo`, when given;
   * of those whose title holds `titleContains`, in any case, when given).
   */
  'articles/page': z.strictObject({
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(1000),
    assignedTo: z.string().min(1).max(200).optional(),
    titleContains: z.string().trim().min(1).max(200).optional(),
  }),
  /** The ids of rows `offset` to `offset + limit` of the same list: what a range of ticked rows not all shown holds. */
  'articles/ids': z.strictObject({
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(1_000_000),
    assignedTo: z.string().min(1).max(200).optional(),
  }),
  /** Where an article stands in the whole list, and the articles before and after it (previous/next). */
  'articles/neighbours': ArticleRef,
  /** The summaries of the articles named that the store holds (titles for undo steps and notices). */
  'articles/summaries': z.strictObject({ articleIds: z.array(IdSchema).max(1000) }),
  'articles/get': ArticleRef,
  'annotations/list': ArticleRef,
  'annotations/create': z.strictObject({
    /** Chosen by the client, so a retried create cannot make a twin. */
    id: IdSchema.optional(),
    articleId: IdSchema,
    kind: z.string().min(1),
    start: z.number().int(),
    end: z.number().int(),
    quote: z.string(),
    attributes: AttributesSchema.optional(),
    note: z.string().max(20_000).optional(),
    entityId: IdSchema.nullable().optional(),
    eventId: IdSchema.nullable().optional(),
  }),
  'annotations/update': z.strictObject({
    articleId: IdSchema,
    id: IdSchema,
    /** Another kind: what the new kind cannot keep (attributes, links) is dropped in the same step. */
    kind: z.string().min(1).optional(),
    /** New ends of the span; the quote follows the text. */
    start: z.number().int().optional(),
    end: z.number().int().optional(),
    attributes: AttributesSchema.optional(),
    note: z.string().max(20_000).optional(),
    entityId: IdSchema.nullable().optional(),
    eventId: IdSchema.nullable().optional(),
  }),
  'annotations/delete': ArticleRecordRef,
  'relations/create': z.strictObject({
    id: IdSchema.optional(),
    articleId: IdSchema,
    type: z.string().min(1),
    from: IdSchema,
    to: RelationTargetSchema,
  }),
  'relations/delete': ArticleRecordRef,
  'documentLabels/set': z.strictObject({
    articleId: IdSchema,
    labels: AttributesSchema.optional(),
    /** Marks the article finished (or not) in the annotator's layer. */
    done: z.boolean().optional(),
  }),
  'tagset/update': z.strictObject({ tagset: z.unknown() }),
  'guidelines/get': z.strictObject({}),
  'guidelines/update': z.strictObject({ markdown: z.string().max(1_000_000) }),
  'entities/list': z.strictObject({}),
  'entities/create': z.strictObject({
    id: IdSchema.optional(),
    ...EntityFields,
    aliases: EntityFields.aliases.optional(),
    externalId: EntityFields.externalId.optional(),
  }),
  'entities/update': z.strictObject({ id: IdSchema, ...z.object(EntityFields).partial().shape }),
  'entities/delete': RecordRef,
  'entities/merge': z.strictObject({ into: IdSchema, from: z.array(IdSchema).min(1) }),
  'entities/split': z.strictObject({
    id: IdSchema,
    mentions: z.array(z.strictObject({ articleId: IdSchema, annotationId: IdSchema })).min(1),
    name: EntityFields.name,
    type: EntityFields.type.optional(),
  }),
  'entities/suggest': z.strictObject({ text: z.string().max(300), limit: z.number().int().min(1).max(50).optional() }),
  'entities/page': RecordRef,
  'events/list': z.strictObject({}),
  'events/create': z.strictObject({
    id: IdSchema.optional(),
    ...EventFields,
    date: EventFields.date.optional(),
    place: EventFields.place.optional(),
    participants: EventFields.participants.optional(),
  }),
  'events/update': z.strictObject({ id: IdSchema, ...z.object(EventFields).partial().shape }),
  'events/delete': RecordRef,
  'events/page': RecordRef,
  'search/query': z.strictObject({
    text: z.string().max(500).optional(),
    kind: z.string().optional(),
    /**
     * Annotations whose attribute `name` has `value`, read by the attribute's
     * type: a choice's option is its string ("false" is the string), a yes/no
     * attribute true or false, a number a number, a multi-choice one of its
     * options; null: unset.
     */
    attribute: z
      .strictObject({ name: z.string(), value: z.union([z.string(), z.boolean(), z.number(), z.null()]) })
      .optional(),
    /** Claims said by mentions of this entity. */
    speaker: IdSchema.optional(),
    /** Mentions linked to this entity. */
    entity: IdSchema.optional(),
    event: IdSchema.optional(),
    annotator: z.string().optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  }),
  'history/apply': z.strictObject({
    changeSet: z.object({ label: z.string(), changes: z.array(z.unknown()) }),
    direction: z.enum(['undo', 'redo']),
  }),
  'import/files': z.strictObject({
    /** articles: .txt/.md/.html/.jsonl; bundle: a Factmark bundle; brat: .txt + .ann pairs; label-studio, doccano, w3c: their exports. */
    format: z.enum(['articles', 'bundle', 'brat', 'label-studio', 'doccano', 'w3c']),
    /** Each file's name and its bytes in base64, or the id of an upload sent before (see `import/upload`). */
    files: z
      .array(
        z.union([
          z.strictObject({ name: z.string().min(1).max(500), content: z.string() }),
          z.strictObject({ name: z.string().min(1).max(500), upload: IdSchema }),
        ]),
      )
      .max(2000),
    /** Whose layer imported annotations go to (brat); the session's annotator by default. */
    annotator: z.string().min(1).max(200).optional(),
    /** Foreign label → the tagset's kind or relation, or null to leave it out (annotation formats). */
    map: LabelMapSchema.optional(),
    /** Add labels the tagset lacks (and nothing maps) to it, instead of refusing the file. */
    extendTagset: z.boolean().optional(),
    /** Read and check everything, report what would be imported and every label met, save nothing. */
    dryRun: z.boolean().optional(),
    /** Chosen by the client to follow, with jobs/progress, the bytes of JSONL files read. */
    jobId: IdSchema.optional(),
  }),
  /**
   * A piece of a file too large for one request, kept until `import/files`
   * names the upload: `offset` is the bytes sent before it (0 starts anew).
   */
  'import/upload': z.strictObject({
    upload: IdSchema,
    offset: z.number().int().nonnegative(),
    content: z.string(),
  }),
  'jobs/progress': z.strictObject({ jobId: IdSchema }),
  /** Stops a job that can stop halfway (the agreement report, which then answers null). */
  'jobs/cancel': z.strictObject({ jobId: IdSchema }),
  'settings/update': z
    .strictObject({
      annotator: AnnotatorName.optional(),
      /** The organisation that publishes the verdicts (ClaimReview's author); null clears it. */
      reviewingOrganisation: z
        .string()
        .trim()
        .min(1, 'must not be empty (send null to clear it)')
        .max(300)
        .regex(/^[^\p{C}]+$/u, 'must not contain control characters')
        .nullable()
        .optional(),
    })
    .refine((s) => s.annotator !== undefined || s.reviewingOrganisation !== undefined, {
      message: 'Say what to change: annotator or reviewingOrganisation',
    }),
  'review/compare': z.strictObject({ articleId: IdSchema, annotators: z.array(AnnotatorName).min(1).max(20) }),
  'review/decide': z.strictObject({
    articleId: IdSchema,
    annotators: z.array(AnnotatorName).min(1).max(20),
    /** The compared group's key, as review/compare gave it. */
    key: z.string().min(1),
    action: z.enum(['accept', 'accept-all', 'edit', 'reject']),
    /** accept: whose annotation. */
    annotator: AnnotatorName.optional(),
    /** edit: the adjudicator's version. */
    edit: z
      .strictObject({
        kind: z.string().min(1),
        start: z.number().int().nonnegative(),
        end: z.number().int().nonnegative(),
        attributes: AttributesSchema.optional(),
      })
      .optional(),
  }),
  /** Takes an article whose layers agree everywhere into gold in one step; refused while differences remain. */
  'review/accept-agreed': z.strictObject({ articleId: IdSchema, annotators: z.array(AnnotatorName).min(2).max(20) }),
  'review/progress': z.strictObject({ annotators: z.array(AnnotatorName).min(2).max(20).optional() }),
  /** Review progress in a few counts, over the articles named (every article when none are). */
  'review/summary': z.strictObject({ articleIds: z.array(IdSchema).max(100_000).optional() }),
  'agreement/report': z.strictObject({
    /** The layers to measure (the gold layer may be one); by default every layer with annotations but gold. */
    annotators: z.array(AnnotatorName).min(1).max(20).optional(),
    articleIds: z.array(IdSchema).optional(),
    /** Chosen by the client to follow the report with jobs/progress and stop it with jobs/cancel. */
    jobId: IdSchema.optional(),
  }),
  /** One article's agreement between the layers named (those the report measured). */
  'agreement/article': z.strictObject({ articleId: IdSchema, annotators: z.array(AnnotatorName).min(1).max(20) }),
  'export/file': z.strictObject({
    format: z.enum(EXPORT_FORMATS),
    /**
     * Whose data: one annotator's layer, the gold layer (adjudicated articles
     * only, unless `includeUnadjudicated`), or every layer, each kept apart
     * and named in the file. Absent: every layer, kept apart.
     */
    scope: ExportScopeSchema.optional(),
    /** Chosen by the client to follow the export's progress with jobs/progress. */
    jobId: IdSchema.optional(),
    articleIds: z.array(IdSchema).optional(),
    /** With every layer in scope: only these layers. */
    annotators: z.array(z.string()).optional(),
    kinds: z.array(z.string()).optional(),
  }),
  /** Whether the store is shared through a git remote, and how its last sync went. */
  'project/status': z.strictObject({}),
  /** Starts a team project: commits the store and pushes it to an empty repository at `url`. */
  'project/publish': z.strictObject({
    url: RemoteUrl,
    credentials: RemoteCredentials.optional(),
    /** Keep the credentials (in the OS keychain, or for this session where there is none). */
    remember: z.boolean().optional(),
  }),
  /**
   * Commits the annotator's work, fetches, merges record by record and pushes. With conflicts nothing in
   * the store changes; `choices` (by conflict key, `ours` is this store's side) resolve those the last sync listed.
   */
  'project/sync': z.strictObject({
    credentials: RemoteCredentials.optional(),
    remember: z.boolean().optional(),
    choices: z.record(z.string().min(1).max(2000), z.enum(CONFLICT_CHOICES)).optional(),
  }),
  /** Clones a team project into a new store folder and opens it in place of this one. */
  'project/clone': z.strictObject({
    url: RemoteUrl,
    /** The new store's folder: absent or empty. By default one named after the repository, beside this store. */
    storeDir: z.string().trim().min(1).max(4000).optional(),
    credentials: RemoteCredentials.optional(),
    remember: z.boolean().optional(),
  }),
  /** Forgets the credentials kept for the project's remote. */
  'project/forget-credentials': z.strictObject({}),
  /** The project's members and assignments. */
  'team/get': z.strictObject({}),
  /** Adds a member, changes their role, or removes them (role null): the lead manages the team. */
  'team/member': z.strictObject({ name: AnnotatorName, role: z.enum(TEAM_ROLES).nullable() }),
  /** Assigns articles to an annotator (or takes them back), in bulk. */
  'team/assign': z.strictObject({
    annotator: AnnotatorName,
    articleIds: z.array(IdSchema).min(1).max(100_000),
    assigned: z.boolean(),
  }),
  /** What the project's recommenders propose to the session's annotator on an article, less what they have or rejected. */
  'suggestions/list': ArticleRef,
  /** The same list as changes since one given earlier (`since`: its version; null: since none). */
  'suggestions/changes': z.strictObject({ articleId: IdSchema, since: z.string().min(1).max(100).nullable() }),
  /** Takes suggestions (as suggestions/list gave them) into the annotator's layer, as one undo step. */
  'suggestions/accept': z.strictObject({ articleId: IdSchema, suggestionIds: z.array(IdSchema).min(1).max(10_000) }),
  /** Rejects suggestions: their kind and span are not proposed to the annotator again. One undo step. */
  'suggestions/reject': z.strictObject({ articleId: IdSchema, suggestionIds: z.array(IdSchema).min(1).max(10_000) }),
  /** The project's suggestion settings (the defaults while never configured). */
  'suggestions/settings': z.strictObject({}),
  /** Changes the project's suggestion settings; what is left out stays as it was. */
  'suggestions/configure': z
    .strictObject({
      /** Which recommenders run. */
      recommenders: z.array(RecommenderIdSchema).max(20).optional(),
      /** Which kinds of the tagset may be proposed; null: every kind. */
      kinds: z.array(z.string().min(1).max(200)).max(500).nullable().optional(),
      /** Suggestions scored below this are not proposed. */
      minScore: z.number().min(0).max(1).optional(),
    })
    .refine((s) => s.recommenders !== undefined || s.kinds !== undefined || s.minScore !== undefined, {
      message: 'Say what to change: recommenders, kinds or minScore',
    }),
  /** Each recommender's precision, recall and F1 against a layer (gold by default), and how often it was accepted. */
  'suggestions/evaluate': z.strictObject({
    reference: AnnotatorName.optional(),
    articleIds: z.array(IdSchema).max(100_000).optional(),
  }),
} satisfies Record<OperationName, z.ZodType>;

export type Args<K extends OperationName> = z.infer<(typeof argumentSchemas)[K]>;

/** A file produced for the user to save where they choose: text, or bytes in base64 (a zip). */
export interface ExportFile {
  fileName: string;
  mediaType: string;
  content: string;
  encoding: 'utf8' | 'base64';
}

/**
 * An article a corpus-wide operation left out because one of its files
 * cannot be read; the operation went ahead on the rest.
 */
export interface LeftOut {
  articleId: string;
  title: string;
  /** The store file that could not be read, as `store/status` names it. */
  file: string;
  reason: string;
}

/** An article of the selection that the export's scope leaves out, and why. */
export interface OutOfScope {
  articleId: string;
  title: string;
  /** e.g. "2 of 3 differences decided", "alice has not annotated it". */
  reason: string;
}

/** What `export/file` gives: the file, and the articles it could not include. */
export interface ExportResult extends ExportFile {
  /** Articles left out because a file of theirs cannot be read; absent when none was. */
  leftOut?: LeftOut[];
  /** A gold export: articles left out because they are not adjudicated yet; absent when none was. */
  notAdjudicated?: OutOfScope[];
  /** One annotator's layer: articles left out because that annotator never touched them; absent when none was. */
  notAnnotated?: OutOfScope[];
  /** What the export could not say and why (e.g. no reviewing organisation set for ClaimReview). */
  notes?: string[];
}

export interface SessionStatus extends StoreStatus {
  annotator: string;
  tagset: Tagset;
  /** The organisation set in the settings as publisher of verdicts; absent when none is. */
  reviewingOrganisation?: string;
}

export interface EntitySuggestion {
  entity: Entity;
  /** 1 for an exact name or alias, lower for fuzzier matches. */
  score: number;
  /** The name or alias that matched. */
  matched: string;
}

export interface ArticleRef {
  articleId: string;
  title: string;
}

export interface EntityPage {
  entity: Entity;
  mentions: (ArticleRef & { annotation: Annotation })[];
  /** Claims linked by a said-by relation to a mention of the entity. */
  claims: (ArticleRef & { claim: Annotation; speaker: Annotation })[];
  /** Articles left out because a file of theirs cannot be read; absent when none was. */
  leftOut?: LeftOut[];
}

export interface EventPage {
  event: EventRecord;
  participants: Entity[];
  /** Every article that reports the event, with its mentions and the claims near them. */
  reports: (ArticleRef & {
    mentions: Annotation[];
    claims: Annotation[];
    roles: { relation: Relation; target: Annotation | Entity | null }[];
  })[];
  /** Articles left out because a file of theirs cannot be read; absent when none was. */
  leftOut?: LeftOut[];
}

export interface SearchHit extends ArticleRef {
  /** The annotation matched, or null for a match in the text alone. */
  annotation: Annotation | null;
  start: number;
  end: number;
  /** The matched span with some context, for the result list. */
  snippet: string;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** Articles left out because a file of theirs cannot be read; absent when none was. */
  leftOut?: LeftOut[];
}

export interface TagsetUpdate {
  tagset: Tagset;
  /** What the update did to existing annotations, for the user to read. */
  migrated: string[];
}

/** A window of the article list: its rows from `offset`, and how many articles the list holds. */
export interface ArticlePage {
  total: number;
  offset: number;
  articles: ArticleSummary[];
}

/** The ids of a window of the article list, and how many articles the list holds. */
export interface ArticleIds {
  total: number;
  ids: string[];
}

/**
 * An article's place in the whole list (null: the store does not hold it)
 * and its neighbours there: the previous and next articles, or null at an
 * end. For an article not held, `next` is the list's first.
 */
export interface ArticleNeighbours {
  position: number | null;
  total: number;
  previous: ArticleSummary | null;
  next: ArticleSummary | null;
}

/** What an import did, file by file, and the article list after it. */
export interface ImportReport {
  files: FileReport[];
  articles: ArticleSummary[];
  /** A dry run: nothing was saved; the reports say what would have been. */
  dryRun?: boolean;
}

/** What each operation resolves to. */
export interface Results {
  'store/status': SessionStatus;
  'store/restore': SessionStatus;
  'articles/list': ArticleSummary[];
  'articles/page': ArticlePage;
  'articles/ids': ArticleIds;
  'articles/neighbours': ArticleNeighbours;
  'articles/summaries': ArticleSummary[];
  'articles/get': Article;
  'annotations/list': ArticleLayer;
  'annotations/create': Mutation<Annotation>;
  'annotations/update': Mutation<Annotation>;
  'annotations/delete': Mutation<{ id: string }>;
  'relations/create': Mutation<Relation>;
  'relations/delete': Mutation<{ id: string }>;
  'documentLabels/set': Mutation<DocumentLabels>;
  'tagset/update': Mutation<TagsetUpdate>;
  'guidelines/get': { markdown: string };
  'guidelines/update': Mutation<{ markdown: string }>;
  'entities/list': Entity[];
  'entities/create': Mutation<Entity>;
  'entities/update': Mutation<Entity>;
  'entities/delete': Mutation<{ id: string }>;
  'entities/merge': Mutation<Entity>;
  'entities/split': Mutation<Entity>;
  'entities/suggest': EntitySuggestion[];
  'entities/page': EntityPage;
  'events/list': EventRecord[];
  'events/create': Mutation<EventRecord>;
  'events/update': Mutation<EventRecord>;
  'events/delete': Mutation<{ id: string }>;
  'events/page': EventPage;
  'search/query': SearchResult;
  'history/apply': Mutation<null>;
  'import/files': ImportReport;
  /** The bytes the upload holds so far. */
  'import/upload': { bytes: number };
  /** `phase`: an export reads the articles, then writes them. */
  'jobs/progress': { done: number; total: number; phase?: 'reading' | 'writing' } | null;
  /** Whether a job of that id was running and was told to stop. */
  'jobs/cancel': boolean;
  'export/file': ExportResult;
  'settings/update': SessionStatus;
  'review/compare': ReviewComparison;
  'review/decide': Mutation<Decision>;
  /** The decisions that took the article's agreements into gold. */
  'review/accept-agreed': Mutation<Decision[]>;
  'review/progress': ReviewProgressRow[];
  'review/summary': ReviewSummary;
  /** Null when jobs/cancel stopped it before it finished. */
  'agreement/report': AgreementDashboard | null;
  'agreement/article': ArticleAgreement;
  'project/status': ProjectStatus;
  'project/publish': SyncOutcome;
  'project/sync': SyncOutcome;
  'project/clone': SyncOutcome;
  'project/forget-credentials': ProjectStatus;
  'team/get': Team;
  'team/member': Mutation<Team>;
  'team/assign': Mutation<Team>;
  'suggestions/list': SuggestionList;
  'suggestions/changes': SuggestionChanges;
  /** The annotations made, in the order of the ids given. */
  'suggestions/accept': Mutation<Annotation[]>;
  /** The rejections made, in the order of the ids given (an id not proposed refuses them all, as accept does). */
  'suggestions/reject': Mutation<Rejection[]>;
  'suggestions/settings': SuggestSettings;
  'suggestions/configure': SuggestSettings;
  'suggestions/evaluate': SuggestionEvaluation;
}

/** What suggestions/list gives: the open suggestions, sorted by start, and the settings that made them. */
export interface SuggestionList {
  suggestions: Suggestion[];
  settings: SuggestSettings;
}

/**
 * What suggestions/changes gives: how to make the open suggestions (as
 * suggestions/list gives them) from the list of version `since`. A version
 * the server no longer knows is answered with `since` null: every suggestion
 * came.
 */
export interface SuggestionChanges extends ChangesSince {
  settings: SuggestSettings;
}

/** One recommender's figures in suggestions/evaluate. */
export interface RecommenderFigures {
  recommender: string;
  /** Suggestions it made over the articles measured. */
  suggested: number;
  /** Of those, how many the reference layer holds (same kind and span). */
  matched: number;
  /** Spans of the reference layer over the articles measured, of the kinds the recommender may propose. */
  referenceSpans: number;
  precision: number;
  recall: number;
  f1: number;
  /** Annotations made from its suggestions, in any layer of the store. */
  accepted: number;
  /** Its suggestions rejected, by any annotator. */
  rejected: number;
  /** accepted / (accepted + rejected); null when both are 0. */
  acceptanceRate: number | null;
}

export interface SuggestionEvaluation {
  /** The layer measured against. */
  reference: string;
  /** Articles the reference layer has annotations on, of those asked: the ones measured. */
  articles: number;
  recommenders: RecommenderFigures[];
}

export interface AgreementDashboard {
  /** Every layer with annotations or progress, or articles assigned, gold last: the distribution and progress cover these. */
  annotators: string[];
  /** The articles measured: those left out are not counted. */
  articleCount: number;
  distribution: LabelDistribution;
  progress: AnnotatorProgress[];
  /** Agreement between the layers measured (those asked for; else every layer with annotations but gold); per article with agreement/article. */
  agreement: CorpusAgreement;
  /** Articles left out because a file of theirs cannot be read; absent when none was. */
  leftOut?: LeftOut[];
}

export interface AdjudicationState {
  /** Groups whose layers differ. */
  differences: number;
  /** Of those, how many have a decision. */
  decided: number;
  /** Every group, agreements included, has a decision. */
  adjudicated: boolean;
}

export interface ReviewComparison extends AdjudicationState {
  annotators: string[];
  groups: ComparedGroup[];
  decisions: Decision[];
  /** Decisions whose annotations have changed since: their group is open again. */
  stale: Decision[];
  gold: Annotation[];
}

export interface ReviewProgressRow extends AdjudicationState {
  articleId: string;
  title: string;
  /** Annotators with annotations on the article, the gold layer excepted. */
  layers: string[];
  /** Annotators who marked the article done. */
  done: string[];
  /** Set when the article's file cannot be read: the row is empty, and says why. */
  problem?: { file: string; reason: string };
}

/**
 * What review/progress's rows come to, counted by the server: a few numbers
 * in place of a row per article (megabytes on a large store).
 */
export interface ReviewSummary {
  /** Every annotator with annotations on some article, the gold layer excepted, sorted. */
  annotators: string[];
  /** The articles asked about (all when none were named) whose files could be read. */
  articles: number;
  /** Of those, the adjudicated. */
  adjudicated: number;
  /** Of those, how many each annotator has annotations on; an annotator with none is not listed. */
  annotated: { annotator: string; articles: number }[];
}

export type Handlers = { [K in OperationName]: (args: Args<K>) => Promise<Results[K]> };

/** The envelope both transports carry: `{ok, result}` or `{ok, error}`. */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: WireError };

export type { ChangeSet, Mutation };
export type { Suggestion, SuggestSettings };
