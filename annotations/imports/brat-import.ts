import { articleFromText, normalizeText } from '../article-text';
import { sameJson } from '../changes';
import type { BratRecord } from '../formats/brat-standoff-parse';
import { parseBratStandoff, roleBase } from '../formats/brat-standoff-parse';
import type { ExternalReference } from '../formats/brat-standoff-layer';
import { bratLayer } from '../formats/brat-standoff-layer';
import type { ArticleLayer, Entity } from '../model';
import type { ServiceContext } from '../service/context';
import type { FileReport } from './article-import';
import type { BratSetup } from './brat-files';
import { annText, bratSetups } from './brat-files';
import { growForBrat } from './brat-tagset';
import { introducedProblems, refusalReasons } from './import-checks';
import { articleIdFrom, recordIdFrom } from './import-ids';
import type { LayerTally } from './import-report';
import { countNewRecords, describeLayer } from './import-report';
import type { ImportOptions } from './import-transaction';
import { importEachFile, Refused, storeContext, textOf } from './import-transaction';
import type { LabelResolver, LabelUse } from './label-mapping';
import { createLabelResolver } from './label-mapping';

/** A file as the importers read it: sent whole (an upload is read first, see `wholeFile`). */
type ImportFile = { name: string; content: string };

/**
 * Imports brat .ann files, each with the .txt beside it, into the
 * annotator's layer of the article whose text that is; annotation.conf and
 * visual.conf among the files define labels the tagset lacks.
 */
export async function importBrat(
  ctx: ServiceContext,
  files: readonly ImportFile[],
  options: ImportOptions,
  reports: FileReport[],
): Promise<void> {
  const anns = files.filter((f) => f.name.endsWith('.ann'));
  const setupOf = bratSetups(files);
  /** A text (by its hash) → the .ann of this import that went into its layer, so a second does not replace it unseen. */
  const into = new Map<string, string>();
  await importEachFile(
    ctx,
    anns,
    reports,
    async (tx, ann, report) => {
      const hash = await importBratFile(tx, ann, { files, options, setup: setupOf(ann.name), into }, report);
      into.set(hash, ann.name);
    },
    options,
  );
}

interface BratFileContext {
  files: readonly ImportFile[];
  options: ImportOptions;
  setup: BratSetup;
  into: ReadonlyMap<string, string>;
}

/** Every label of the file through the resolver, counted: T types, relation and equivalence types, event roles. */
function resolveLabels(records: readonly BratRecord[], resolver: LabelResolver, roleOf: (role: string) => string) {
  for (const r of records) {
    if (r.kind === 'T') resolver.resolve(r.type, 'span');
    if (r.kind === 'R') resolver.resolve(r.type, 'relation');
    if (r.kind === '*') for (let i = 1; i < r.members.length; i++) resolver.resolve(r.type, 'relation');
    if (r.kind === 'E') for (const arg of r.args) resolver.resolve(roleOf(arg.role), 'relation');
  }
  const uses = resolver.uses();
  const byLabel = (role: LabelUse['role']) => new Map(uses.filter((u) => u.role === role).map((u) => [u.label, u]));
  return { uses, span: byLabel('span'), relation: byLabel('relation') };
}

/** The role an argument stands for: as written when known, `Org-Arg2` → `Org-Arg` when that is. */
function roleResolver(records: readonly BratRecord[], known: Set<string>) {
  const written = new Set(records.flatMap((r) => (r.kind === 'E' ? r.args.map((a) => a.role) : [])));
  return (role: string) => {
    const base = roleBase(role, (name) => known.has(name));
    if (base !== role || known.has(role)) return base;
    const stripped = role.replace(/\d+$/, '');
    return stripped !== '' && stripped !== role && written.has(stripped) ? stripped : role;
  };
}

const ENTITY_TYPES: [RegExp, Entity['type']][] = [
  [/person|^per$|people|speaker|human/i, 'person'],
  [/org/i, 'organisation'],
  [/place|^loc|location|gpe|geo|country|city/i, 'place'],
  [/group/i, 'group'],
];

/**
 * One brat .ann file with its .txt, in the transaction `ctx` runs in: the
 * article (when its text is new), the tagset's additions, new entities and
 * the annotations are saved together, or, when anything is refused, none.
 * Returns the content hash of the text it went into.
 */
async function importBratFile(
  ctx: ServiceContext,
  ann: ImportFile,
  { files, options, setup, into }: BratFileContext,
  report: FileReport,
): Promise<string> {
  const { annotator } = options;
  const store = storeContext(ctx);
  const project = ctx.repo.readProject();
  report.labels = [];
  const decoded = annText(ann);
  if ('reason' in decoded) throw new Refused([decoded.reason]);
  // The .ann's own line endings do not matter: its offsets count in the .txt.
  const { records, errors: lineErrors } = parseBratStandoff(normalizeText(decoded.text));

  const { conf } = setup;
  const known = new Set([
    ...(conf?.events.flatMap((e) => e.roles.map((r) => r.role)) ?? []),
    ...project.tagset.relations.map((r) => r.type),
    ...Object.keys(options.labels.map ?? {}),
  ]);
  const roleOf = roleResolver(records, known);
  const resolver = createLabelResolver(project.tagset, options.labels);
  const labels = resolveLabels(records, resolver, roleOf);
  report.labels = labels.uses;

  const problems = [...setup.errors, ...lineErrors, ...resolver.problems()];
  const txtName = ann.name.replace(/\.ann$/, '.txt');
  const txt = files.find((f) => f.name === txtName);
  const txtText = txt ? textOf(txt) : { reason: 'missing' };
  if (!txt) problems.push(`no ${txtName} beside it`);
  else if ('reason' in txtText) problems.push(`${txtName}: ${txtText.reason}`);
  else if (normalizeText(txtText.text) !== txtText.text)
    problems.push(`${txtName} has Windows line endings; offsets would not match once normalised`);
  if (problems.length > 0 || !('text' in txtText)) throw new Refused(refusalReasons(problems));
  const text = txtText.text;

  let tagset = project.tagset;
  let linkingEntities: string[] = [];
  if (options.labels.extendTagset) {
    const scratch = createLabelResolver(project.tagset, options.labels);
    const grown = growForBrat(project.tagset, {
      records,
      uses: labels,
      roleOf,
      confName: (label, role) => scratch.resolve(label, role) ?? null,
      conf,
      visual: setup.visual,
    });
    tagset = grown.tagset;
    linkingEntities = grown.linkingEntities;
    if (grown.added.length > 0) report.tagsetAdded = grown.added;
  }

  const article = await articleFromText(articleIdFrom(ann.name, store.takenIds), text, txt!.name, store.stamp);
  const articleId = store.byHash.get(article.contentHash) ?? article.id;
  const earlier = into.get(article.contentHash);
  if (earlier)
    throw new Refused([
      `${earlier} of this import went into the same article's layer of ${annotator}; import each annotator's files on their own, naming the annotator`,
    ]);

  const newEntities: Entity[] = [];
  const linkEntity = (ref: ExternalReference): string | undefined => {
    const same = (e: Entity) => e.externalId === ref.externalId || e.externalId === `Wikidata:${ref.externalId}`;
    const found = project.entities.find(same) ?? newEntities.find(same);
    if (found) return found.id;
    if (ref.externalId.length > 200) return undefined;
    const name = ref.name.replace(/\s+/g, ' ').trim().slice(0, 300) || ref.externalId;
    const type = ENTITY_TYPES.find(([re]) => re.test(ref.kind))?.[1] ?? 'other';
    const entity: Entity = {
      id: ctx.newId(),
      name,
      type,
      aliases: [],
      externalId: ref.externalId,
      createdAt: store.stamp,
      updatedAt: store.stamp,
    };
    newEntities.push(entity);
    return entity.id;
  };
  const built = bratLayer(text, records, {
    articleId,
    annotator,
    stamp: store.stamp,
    tagset,
    spanName: (label) => (labels.span.get(label)?.fate === 'unknown' ? undefined : labels.span.get(label)?.becomes),
    relationName: (label) =>
      labels.relation.get(label)?.fate === 'unknown' ? undefined : labels.relation.get(label)?.becomes,
    roleOf,
    entities: new Map(project.entities.map((e) => [e.id, e.externalId])),
    eventIds: new Set(project.events.map((e) => e.id)),
    linkEntity,
  });
  if (built.errors.length > 0) throw new Refused(refusalReasons(built.errors));

  if (tagset !== project.tagset || newEntities.length > 0)
    await ctx.repo.updateProject((p) => ({ ...p, tagset, entities: [...p.entities, ...newEntities] }));
  if (articleId === article.id) {
    await ctx.repo.addArticle(article);
    report.added.articles = 1;
  }
  const before = await ctx.repo.readLayer(articleId);
  const own = annotator === ctx.annotator;
  const { after, tally, kept } = replaceLayer(
    before,
    built.layer,
    annotator,
    recordIdFrom(`${articleId}.${annotator}`),
    own,
  );
  const registry = { tagset, entities: [...project.entities, ...newEntities], events: project.events };
  const introduced = introducedProblems({ ...article, id: articleId }, before, after, registry);
  if (introduced.length > 0) throw new Refused(refusalReasons(introduced));
  await ctx.repo.updateLayer(articleId, () => after);

  countNewRecords(report.added, before, after);
  report.added.entities = newEntities.length;
  const { annotations, relations } = built.layer;
  report.imported.push(
    `${annotations.length} annotations and ${relations.length} links into ${articleId} (${annotator})`,
  );
  const { dropped } = built;
  if (dropped.annotations + dropped.links > 0)
    report.imported.push(
      `left out as the label map says: ${dropped.annotations} annotations and ${dropped.links} links`,
    );
  if (linkingEntities.length > 0) report.imported.push(`now linking entities: ${linkingEntities.join(', ')}`);
  report.layers = [tally];
  report.imported.push(describeLayer(tally));
  if (kept > 0)
    report.imported.push(
      `${kept} annotations and links already in your own layer kept as they are: an import only adds to it`,
    );
  report.skipped.push(...built.leftOut);
  return article.contentHash;
}

/** A record as compared between imports: its content, not when it was stamped. */
const content = <T extends { createdAt: string; updatedAt?: string }>(r: T) => ({
  ...r,
  createdAt: undefined,
  updatedAt: undefined,
});

/**
 * The layer with what this annotator's brat files brought before (their
 * records' ids start with `<article>.<annotator>.`) replaced by what this
 * file brings: records it no longer has are removed, records unchanged keep
 * their stamps, others layers are left alone. In the user's own layer
 * (`own`) the file only adds: records already there are kept as they are,
 * none is removed. Counted for the report.
 */
function replaceLayer(
  before: ArticleLayer,
  incoming: ArticleLayer,
  annotator: string,
  namespace: string,
  own: boolean,
): { after: ArticleLayer; tally: LayerTally; kept: number } {
  const tally: LayerTally = { annotator, added: 0, removed: 0, changed: 0 };
  let kept = 0;
  const ids = new Set([...incoming.annotations, ...incoming.relations].map((r) => r.id));
  const ours = (r: { id: string; annotator: string }) =>
    r.annotator === annotator && (ids.has(r.id) || r.id.startsWith(`${namespace}.`));
  function merge<T extends { id: string; annotator: string; createdAt: string; updatedAt?: string }>(
    old: readonly T[],
    next: readonly T[],
  ): T[] {
    const had = new Map(old.filter(ours).map((r) => [r.id, r]));
    if (own) {
      const fresh = next.filter((r) => {
        const was = had.get(r.id);
        if (was && !sameJson(content(was), content(r))) kept++;
        return !was;
      });
      tally.added += fresh.length;
      return [...old, ...fresh];
    }
    const merged = next.map((r) => {
      const was = had.get(r.id);
      had.delete(r.id);
      if (!was) return (tally.added++, r);
      if (sameJson(content(was), content(r))) return was;
      tally.changed++;
      return { ...r, createdAt: was.createdAt };
    });
    tally.removed += had.size;
    return [...old.filter((r) => !ours(r)), ...merged];
  }
  return {
    after: {
      ...before,
      annotations: merge(before.annotations, incoming.annotations),
      relations: merge(before.relations, incoming.relations),
    },
    tally,
    kept,
  };
}
