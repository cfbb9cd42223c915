import type { Annotation, ArticleLayer, Relation } from '../model';
import { spanPieces } from '../spans';
import { recordIdFrom, shortHash } from './import-ids';
import type { LayerTally } from './import-report';

/**
 * Ids for records from another tool's file, made from the article, the
 * layer and the file's own id: the same file imported again names the same
 * records, and two annotators' files (with the same local ids, "T1", "1")
 * never name each other's.
 */
export function createRecordIds(articleId: string, annotator: string, format: string) {
  const who = /^[A-Za-z0-9_.-]+$/.test(annotator) ? annotator : `${annotator}~${shortHash(annotator)}`;
  const taken = new Set<string>();
  return (localId: string): string => {
    const base = recordIdFrom(`${articleId}.${who}.${format}.${localId}`);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = recordIdFrom(`${base}-${n}`);
    taken.add(id);
    return id;
  };
}

/** What a format carries of an annotation besides its kind and span; what it does not is kept from the store's. */
export interface Carried {
  values: boolean;
  notes: boolean;
  entity: boolean;
}

/**
 * The file's version of a record the layer has: what the file says, and
 * what its format cannot say (a doccano line's values, a link's note, an
 * event record) kept from the layer's version, so a lossy file never wipes it.
 */
function updated<T extends Annotation | Relation>(old: T, record: T, carried: Carried): T {
  const next = { ...record, id: old.id, createdAt: old.createdAt };
  if ('kind' in old && 'kind' in next) {
    const a = next as Annotation;
    a.eventId = old.eventId;
    if (old.provenance) a.provenance = old.provenance;
    if (!carried.values) a.attributes = old.attributes;
    if (!carried.notes) a.note = old.note;
    if (!carried.entity) a.entityId = old.entityId;
  } else if ((old as Relation).note !== undefined) (next as Relation).note = (old as Relation).note;
  return next;
}

/** One layer's records from a file, for one article. */
export interface ImportedLayer {
  annotator: string;
  annotations: Annotation[];
  relations: Relation[];
}

export interface Merged {
  after: ArticleLayer;
  tallies: LayerTally[];
  /** Records of the user's own layer kept as they are, though the file has another version of them. */
  kept: number;
  /** Ids the file would take from another layer: the file is refused. */
  clashes: string[];
}

/** A record's content: all but its id and its times. */
const content = (record: Annotation | Relation) =>
  JSON.stringify({ ...record, id: undefined, createdAt: undefined, updatedAt: undefined });
const place = (a: Annotation) => JSON.stringify([a.kind, spanPieces(a)]);
const link = (r: Relation) => JSON.stringify([r.type, r.from, r.to]);

/**
 * The article's layer with the file's records in, each in its own
 * annotator's layer only. A record the layer has already — the same id, or
 * (for a file that came from this store, or was imported before) the same
 * kind on the same span, the same link between the same spans — is the same
 * record: in a colleague's layer the file's version replaces it (a newer
 * export of theirs; what the format cannot carry is kept), in the user's
 * own layer it is kept as it is (an import only adds to it). An id held in
 * another layer is a clash, never overwritten.
 */
export function mergeImported(
  before: ArticleLayer,
  incoming: readonly ImportedLayer[],
  keepsOwn: (annotator: string) => boolean,
  carried: Carried,
): Merged {
  let annotations = [...before.annotations];
  let relations = [...before.relations];
  const tallies: LayerTally[] = [];
  const clashes: string[] = [];
  let kept = 0;
  for (const layer of incoming) {
    const tally: LayerTally = { annotator: layer.annotator, added: 0, removed: 0, changed: 0 };
    const own = keepsOwn(layer.annotator);
    const matchedSpans = new Set<string>();
    const matchedLinks = new Set<string>();
    /** Puts `record` in `list`, as the record it is already or as a new one; the id it ends up with. */
    const put = <T extends Annotation | Relation>(list: T[], record: T, same: (r: T) => boolean, count: boolean) => {
      const matched = count ? matchedSpans : matchedLinks;
      const byId = list.find((r) => r.id === record.id);
      if (byId && byId.annotator !== layer.annotator) {
        clashes.push(`id ${record.id} is held by a record of ${byId.annotator}'s layer`);
        return { list, id: record.id };
      }
      const old =
        byId ??
        list.find((r) => r.annotator === layer.annotator && !matched.has(r.id) && same(r) && r.id !== record.id);
      if (!old) {
        // A record of this file is never taken for another of it (two tags of one span are two).
        matched.add(record.id);
        if (count) tally.added++;
        return { list: [...list, record], id: record.id };
      }
      matched.add(old.id);
      const next = updated(old, record, carried);
      if (content(old) === content(next)) return { list, id: old.id };
      if (own) {
        if (count) kept++;
        return { list, id: old.id };
      }
      if (count) tally.changed++;
      return { list: list.map((r) => (r.id === old.id ? next : r)), id: old.id };
    };
    const renamed = new Map<string, string>();
    for (const a of layer.annotations) {
      const done = put(annotations, a, (r) => place(r) === place(a), true);
      annotations = done.list;
      renamed.set(a.id, done.id);
    }
    for (const r of layer.relations) {
      const to = r.to.kind === 'annotation' ? { ...r.to, id: renamed.get(r.to.id) ?? r.to.id } : r.to;
      const relation = { ...r, from: renamed.get(r.from) ?? r.from, to };
      relations = put(relations, relation, (x) => link(x) === link(relation), false).list;
    }
    tallies.push(tally);
  }
  return { after: { ...before, annotations, relations }, tallies, kept, clashes };
}
