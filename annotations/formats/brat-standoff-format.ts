import type { Article, ArticleLayer, Entity, EventRecord, Relation } from '../model';
import { spanPieces } from '../spans';
import type { Tagset } from '../tagset';
import { bratValue, serializeBratConf, serializeBratVisual } from './brat-conf-write';
import type { BratAttributeStyle } from './brat-conf-write';
import type { ExportedFile, ExportInput } from './export-input';
import { byLayerName, layerFolders, safeName } from './export-input';
import type { ExportPiece } from './export-pieces';
import { filesOf } from './export-pieces';
import type { OffsetMap } from './offsets';
import { offsetMap } from './offsets';

export { bratValue, serializeBratConf } from './brat-conf-write';
export type { BratAttributeStyle } from './brat-conf-write';

/**
 * brat standoff: DOC.txt beside DOC.ann with T (span), R (relation), E (event
 * with roles), `*` (equivalence), A (attribute), N (normalisation) and #
 * (note) lines, offsets in Unicode code points, end-exclusive. A span that
 * crosses a line break is written as fragments, one per line, as brat
 * requires; a discontinuous span as its fragments.
 * @see https://brat.nlplab.org/standoff.html
 */

/** The role relations of a tagset: those starting from an event-linking kind, equivalences aside. */
export function roleTypes(tagset: Tagset): Set<string> {
  const eventKinds = new Set(tagset.kinds.filter((k) => k.linksEvent).map((k) => k.kind));
  return new Set(
    tagset.relations.filter((r) => !r.equivalence && r.from.some((k) => eventKinds.has(k))).map((r) => r.type),
  );
}

/** Splits [start, end) at line breaks into the pieces brat allows. */
function linePieces(text: string, start: number, end: number): [number, number][] {
  const parts: [number, number][] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === '\n') {
      if (i > from) parts.push([from, i]);
      from = i + 1;
    }
  }
  return parts;
}

const oneLine = (value: string) => value.replace(/[\t\n\r]+/g, ' ');

/** A normalisation reference for an entity's external id: `DB:ID` as it is, a bare Wikidata QID as `Wikidata:Q…`. */
function externalReference(externalId: string | null): string | null {
  if (!externalId) return null;
  if (/^Q\d+$/.test(externalId)) return `Wikidata:${externalId}`;
  return /^[^\s:]+:\S+$/.test(externalId) ? externalId : null;
}

/** What an .ann needs beyond its layer: the registry, and how booleans are written. */
export interface BratAnnOptions {
  entities: readonly Entity[];
  events?: readonly EventRecord[];
  style?: BratAttributeStyle;
}

/** What the .ann files of an export wrote, so its annotation.conf declares exactly that. */
function noteWritten(style: BratAttributeStyle, name: string, token: string) {
  const tokens = style.tokens.get(name) ?? new Set<string>();
  tokens.add(token);
  style.tokens.set(name, tokens);
}

/**
 * One layer's .ann. Events: an event annotation's E line lists its role
 * links, repeated roles numbered (`Org-Arg`, `Org-Arg2`), event arguments
 * by their E id. A link with a note, or of a role type from a kind that is
 * no event, is an R line (brat has no notes on arguments). Equivalences are
 * one `*` line per group. Unset attribute values are not written.
 */
export function serializeBratAnn(
  article: Article,
  layer: ArticleLayer,
  tagset: Tagset,
  options: BratAnnOptions,
): string {
  const { text } = article;
  // Built at the first span: most articles of a large export have none in a layer.
  let offsets: OffsetMap | null = null;
  const toCodePoint = (utf16: number) => (offsets ??= offsetMap(text)).toCodePoint(utf16);
  const style = options.style ?? { valuedBooleans: new Set(), tokens: new Map(), relationLines: new Set() };
  const roles = roleTypes(tagset);
  const eventKinds = new Set(tagset.kinds.filter((k) => k.linksEvent).map((k) => k.kind));
  const lines: string[] = [];
  const tId = new Map<string, string>();
  const eId = new Map<string, string>();
  const byId = new Map(layer.annotations.map((a) => [a.id, a]));
  for (const a of layer.annotations) tId.set(a.id, `T${tId.size + 1}`);
  for (const a of layer.annotations) if (eventKinds.has(a.kind)) eId.set(a.id, `E${eId.size + 1}`);
  const target = (id: string) => eId.get(id) ?? tId.get(id)!;
  const inLayer = (r: Relation): r is Relation & { to: { kind: 'annotation' } } =>
    r.to.kind === 'annotation' && byId.has(r.from) && byId.has(r.to.id);
  const equivalence = new Set(tagset.relations.filter((r) => r.equivalence).map((r) => r.type));
  const isArgument = (r: Relation) => roles.has(r.type) && eventKinds.has(byId.get(r.from)!.kind) && !r.note;

  for (const a of layer.annotations) {
    const pieces = spanPieces(a).flatMap((p) => linePieces(text, p.start, p.end));
    const at = pieces.map(([s, e]) => `${toCodePoint(s)} ${toCodePoint(e)}`).join(';');
    lines.push(`${tId.get(a.id)}\t${a.kind} ${at}\t${pieces.map(([s, e]) => text.slice(s, e)).join(' ')}`);
  }
  const links = layer.relations.filter(inLayer);
  const argumentsOf = new Map<string, (typeof links)[number][]>();
  for (const r of links)
    if (isArgument(r)) {
      const list = argumentsOf.get(r.from) ?? [];
      list.push(r);
      argumentsOf.set(r.from, list);
    }
  for (const a of layer.annotations.filter((x) => eId.has(x.id))) {
    const seen = new Map<string, number>();
    const args = (argumentsOf.get(a.id) ?? []).map((r) => {
      const n = (seen.get(r.type) ?? 0) + 1;
      seen.set(r.type, n);
      return ` ${r.type}${n > 1 ? n : ''}:${target(r.to.id)}`;
    });
    lines.push(`${eId.get(a.id)}\t${a.kind}:${tId.get(a.id)}${args.join('')}`);
  }
  const rId = new Map<Relation, string>();
  for (const r of links) {
    if ((equivalence.has(r.type) && !r.note) || isArgument(r)) continue;
    rId.set(r, `R${rId.size + 1}`);
    style.relationLines.add(r.type);
    lines.push(`${rId.get(r)}\t${r.type} Arg1:${target(r.from)} Arg2:${target(r.to.id)}`);
  }
  for (const [type, members] of equivalenceGroups(links.filter((r) => equivalence.has(r.type) && !rId.has(r))))
    lines.push(`*\t${type} ${members.map(target).join(' ')}`);

  let nA = 0;
  for (const a of layer.annotations) {
    for (const def of tagset.kinds.find((k) => k.kind === a.kind)?.attributes ?? []) {
      const value = a.attributes[def.name];
      if (value === null || value === undefined || value === '') continue;
      const tokens =
        typeof value === 'boolean'
          ? [value && !style.valuedBooleans.has(def.name) ? null : String(value)]
          : (Array.isArray(value) ? value : [String(value)]).map(bratValue);
      for (const token of tokens) {
        if (token !== null && def.type !== 'boolean' && def.type !== 'choice' && def.type !== 'multi-choice')
          noteWritten(style, def.name, token);
        lines.push(`A${++nA}\t${def.name} ${target(a.id)}${token === null ? '' : ` ${token}`}`);
      }
    }
  }
  let nN = 0;
  const entities = new Map(options.entities.map((e) => [e.id, e]));
  const events = new Map((options.events ?? []).map((e) => [e.id, e]));
  for (const a of layer.annotations) {
    const entity = a.entityId === null ? undefined : entities.get(a.entityId);
    if (entity) {
      const name = oneLine(entity.name);
      lines.push(`N${++nN}\tReference ${target(a.id)} Factmark:${entity.id}\t${name}`);
      const reference = externalReference(entity.externalId);
      if (reference) lines.push(`N${++nN}\tReference ${target(a.id)} ${reference}\t${name}`);
    }
    if (a.eventId) {
      const title = events.get(a.eventId)?.title ?? 'event record';
      lines.push(`N${++nN}\tReference ${target(a.id)} FactmarkEvent:${a.eventId}\t${oneLine(title)}`);
    }
  }
  let nNote = 0;
  // A note of several lines is several # lines on the same annotation; the import joins them with line breaks.
  const note = (on: string, value: string) => {
    for (const line of value.split('\n')) lines.push(`#${++nNote}\tAnnotatorNotes ${on}\t${oneLine(line)}`);
  };
  for (const a of layer.annotations) if (a.note) note(target(a.id), a.note);
  for (const [r, id] of rId) if (r.note !== undefined && r.note !== '') note(id, r.note);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The groups an equivalence type's links make (connected annotations), in the layer's order. */
function equivalenceGroups(links: readonly Relation[]): [string, string[]][] {
  const groups: [string, string[]][] = [];
  for (const type of [...new Set(links.map((r) => r.type))]) {
    const parent = new Map<string, string>();
    const root = (id: string): string => {
      const p = parent.get(id) ?? id;
      return p === id ? id : root(p);
    };
    const order: string[] = [];
    for (const r of links.filter((x) => x.type === type)) {
      for (const id of [r.from, r.to.id])
        if (!parent.has(id)) {
          parent.set(id, id);
          order.push(id);
        }
      parent.set(root(r.from), root(r.to.id));
    }
    const byRoot = new Map<string, string[]>();
    for (const id of order) byRoot.set(root(id), [...(byRoot.get(root(id)) ?? []), id]);
    for (const members of byRoot.values()) groups.push([type, members]);
  }
  return groups;
}

/** Booleans some annotation of the export sets to no: brat's binary attributes cannot say it, so these carry values. */
function valuedBooleans(tagset: Tagset, layers: readonly ArticleLayer[]): Set<string> {
  const names = new Set<string>();
  for (const layer of layers)
    for (const a of layer.annotations)
      for (const def of tagset.kinds.find((k) => k.kind === a.kind)?.attributes ?? [])
        if (def.type === 'boolean' && a.attributes[def.name] === false) names.add(def.name);
  return names;
}

/** The annotators an article's layer holds, each with their part. */
function byAnnotator(layer: ArticleLayer): Map<string, ArticleLayer> {
  const names = new Set([...layer.annotations, ...layer.relations].map((r) => r.annotator));
  return new Map(
    [...names].sort(byLayerName).map((name) => [
      name,
      {
        annotations: layer.annotations.filter((a) => a.annotator === name),
        relations: layer.relations.filter((r) => r.annotator === name),
        documentLabels: [],
      },
    ]),
  );
}

/**
 * DOC.txt and DOC.ann per article, and annotation.conf. With one layer the
 * files lie side by side; with several, each annotator has a folder of
 * their own (`alice/DOC.txt`, `alice/DOC.ann`), annotation.conf above them
 * all (brat reads the nearest conf up the tree).
 */
export function exportBrat(input: ExportInput): ExportedFile[] {
  const files = filesOf(exportBratPieces(input));
  // The configuration first, as brat's own exports have it; the streamed pieces end with it (see below).
  return [...files.slice(-2).reverse(), ...files.slice(0, -2)];
}

/**
 * brat's files piece by piece: each article's .txt and .ann as it is
 * written, then annotation.conf and visual.conf, which name the attribute
 * values and relations the .ann files used.
 */
export function* exportBratPieces(
  input: ExportInput,
  onArticle?: (done: number, total: number) => void,
): Generator<ExportPiece> {
  const annotators = [
    ...new Set(
      input.articles.flatMap(({ layer }) => [...layer.annotations, ...layer.relations].map((r) => r.annotator)),
    ),
  ].sort(byLayerName);
  const folders = annotators.length > 1 ? layerFolders(annotators) : null;
  const style: BratAttributeStyle = {
    valuedBooleans: valuedBooleans(
      input.tagset,
      input.articles.map((a) => a.layer),
    ),
    tokens: new Map(),
    relationLines: new Set(),
  };
  const options = { entities: input.entities, events: input.events, style };
  let done = 0;
  for (const { article, layer: whole } of input.articles) {
    const layers = byAnnotator(whole);
    const name = safeName(article.id);
    const written = folders ? [...layers] : [[annotators[0] ?? '', layers.values().next().value] as const];
    for (const [annotator, layer] of written) {
      const folder = folders ? `${folders.get(annotator)}/` : '';
      yield { path: `${folder}${name}.txt`, text: article.text };
      const empty: ArticleLayer = { annotations: [], relations: [], documentLabels: [] };
      yield { path: `${folder}${name}.ann`, text: serializeBratAnn(article, layer ?? empty, input.tagset, options) };
    }
    onArticle?.(++done, input.articles.length);
  }
  yield { path: 'visual.conf', text: serializeBratVisual(input.tagset) };
  yield { path: 'annotation.conf', text: serializeBratConf(input.tagset, style) };
}
