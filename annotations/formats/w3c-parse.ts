import type { ParseOutcome, ParsedDocument, ParsedSpan, Piece } from './interchange-parse';
import { emptyOutcome, isRecord, layerName, newSpan, shown } from './interchange-parse';
import { offsetMap } from './offsets';

/**
 * W3C Web Annotation: an AnnotationCollection (its first page inline), an
 * AnnotationPage, a list of annotations or one. Each annotation targets a
 * span of a text by TextPositionSelector (code points) and/or
 * TextQuoteSelector (exact, prefix, suffix); several targets on one source
 * are the pieces of a discontinuous span. Bodies: `tagging` the label,
 * `classifying` `name=value` attributes, `describing`/`commenting` the note,
 * `identifying` an entity. Linking annotations (motivation `linking`,
 * target [from, to]) are relations. `creator` names the layer.
 * @see https://www.w3.org/TR/annotation-model/
 */

const FACTMARK_ARTICLE = 'urn:factmark:article:';
const FACTMARK_ANNOTATION = 'urn:factmark:annotation:';
const FACTMARK_RELATION = 'urn:factmark:relation:';

/** The text a source IRI names, found by the import: beside the file or in the store. */
export interface W3CText {
  text: string;
  /** The store article it is, when it is one. */
  articleId: string | null;
  /** The file beside the annotations it was read from, when it was. */
  file?: string;
}

/** The names a source may go by: Factmark's own article id (and its text file), else its last path segment, with and without `.txt`. */
export function sourceNames(iri: string): string[] {
  if (iri.startsWith(FACTMARK_ARTICLE)) {
    const id = iri.slice(FACTMARK_ARTICLE.length);
    return [id, `${id}.txt`];
  }
  const raw =
    iri
      .replace(/[?#].*$/, '')
      .split(/[/:]/)
      .filter(Boolean)
      .pop() ?? '';
  let segment = raw;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    // A malformed escape: the segment as written.
  }
  const bare = segment.replace(/\.txt$/i, '');
  return [...new Set([segment, bare, `${bare}.txt`])].filter(Boolean);
}

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const iriOf = (v: unknown): string | null =>
  typeof v === 'string' ? v : isRecord(v) && typeof v.id === 'string' ? v.id : null;

/** The annotations of a collection, page, list or single annotation; null when it is none of these. */
export function w3cItems(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (!isRecord(json)) return null;
  if (json.type === 'Annotation' || (json.target !== undefined && json.items === undefined)) return [json];
  const items: unknown[] = [];
  let page: unknown = isRecord(json.first) ? json.first : json;
  for (let n = 0; isRecord(page) && n < 10_000; n++) {
    if (!Array.isArray(page.items)) break;
    items.push(...page.items);
    page = page.next;
  }
  return Array.isArray((isRecord(json.first) ? json.first : json).items) ? items : null;
}

/** Every source the annotations target, so the import can find their texts first. */
export function w3cSources(items: readonly unknown[]): string[] {
  const sources = new Set<string>();
  for (const item of items)
    if (isRecord(item))
      for (const target of asList(item.target))
        if (isRecord(target) && typeof target.source === 'string') sources.add(target.source);
  return [...sources];
}

/** The name of whoever made an annotation: a string, or an agent's name (or nickname); null when unsaid. */
function creatorName(creator: unknown): { name: string | null } | { problem: string } {
  const first = asList(creator)[0];
  if (first === undefined) return { name: null };
  if (typeof first === 'string') return layerName(first);
  if (isRecord(first)) {
    const name = [first.name, first.nickname, first.id].find((v) => typeof v === 'string');
    if (typeof name === 'string') return layerName(name);
  }
  return { problem: 'is neither a name nor an agent with a name' };
}

const localIdOf = (iri: string | null, prefix: string, index: number) =>
  iri === null ? `#${index + 1}` : iri.startsWith(prefix) ? iri.slice(prefix.length) : iri;

interface Located {
  span: ParsedSpan;
  doc: ParsedDocument;
}

/** Reads the annotations against their texts (`texts`: by source IRI as written). */
export function parseW3C(items: readonly unknown[], texts: ReadonlyMap<string, W3CText>): ParseOutcome {
  const outcome = emptyOutcome();
  const docs = new Map<string, ParsedDocument>();
  const byIri = new Map<string, Located>();
  const links: { item: Record<string, unknown>; where: string; index: number }[] = [];
  items.forEach((item, index) => {
    const id = isRecord(item) ? iriOf(item) : null;
    const where = `annotation ${index + 1}${id ? ` (${id})` : ''}`;
    if (!isRecord(item)) return outcome.errors.push(`${where}: not an object`);
    const aimed = asList(item.target);
    if (item.motivation === 'linking' || (aimed.length === 2 && aimed.every((t) => typeof t === 'string')))
      return links.push({ item, where, index });
    const person = creatorName(item.creator);
    if ('problem' in person) return outcome.errors.push(`${where}: creator ${person.problem}`);
    const targets = asList(item.target);
    const source = targets.map((t) => (isRecord(t) && typeof t.source === 'string' ? t.source : null));
    if (targets.length === 0 || source.some((s) => s === null))
      return outcome.errors.push(`${where}: needs a target with a source and a selector`);
    if (new Set(source).size > 1)
      return outcome.errors.push(`${where}: its targets are in different texts (${[...new Set(source)].join(', ')})`);
    const iri = source[0]!;
    const found = texts.get(iri);
    if (!found)
      return outcome.errors.push(
        `${where}: no text for ${iri}: give its text file beside the annotations (named ${sourceNames(iri).find((n) => n.endsWith('.txt'))}), or import the text first`,
      );
    const pieces: Piece[] = [];
    const quotes: (string | null)[] = [];
    const written: string[] = [];
    for (const target of targets as Record<string, unknown>[]) {
      const piece = selectPiece(found.text, asList(target.selector), where);
      if (typeof piece === 'string') return outcome.errors.push(piece);
      pieces.push({ start: piece.start, end: piece.end });
      quotes.push(piece.quote);
      written.push(piece.written);
    }
    const bodies = asList(item.body).filter(isRecord);
    const tags = bodies.filter((b) => b.purpose === 'tagging' && typeof b.value === 'string');
    const classes = bodies.filter((b) => b.purpose === 'classifying' && typeof b.value === 'string');
    const bare = classes.filter((b) => !(b.value as string).includes('='));
    const labels = (tags.length > 0 ? tags : bare).map((b) => b.value as string);
    if (labels.length === 0) return outcome.errors.push(`${where}: needs a tagging body (its label)`);
    if (labels.length > 1)
      return outcome.errors.push(
        `${where}: has ${labels.length} tagging bodies (${labels.map((l) => shown(l)).join(', ')}); an annotation has one label`,
      );
    const localId = localIdOf(id, FACTMARK_ANNOTATION, index);
    const span = newSpan(localId, `${where}, ${written.join(', ')}`, labels[0]!, pieces, quotes);
    for (const b of classes.filter((c) => !bare.includes(c) || tags.length > 0)) {
      const [name = '', ...rest] = (b.value as string).split('=');
      if (rest.length === 0) {
        outcome.errors.push(`${where}: classifying body ${shown(name)} is not name=value`);
        continue;
      }
      const value = rest.join('=');
      const had = span.attributes[name];
      span.attributes[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [String(had)]), value];
    }
    span.note = bodies
      .filter((b) => (b.purpose === 'describing' || b.purpose === 'commenting') && typeof b.value === 'string')
      .map((b) => b.value as string)
      .join('\n');
    const identifying = bodies.find((b) => b.purpose === 'identifying');
    if (identifying) span.entityIri = iriOf(identifying) ?? (identifying.source as string | undefined);
    outcome.leftOut.push(...unreadBodies(asList(item.body), identifying, where));
    const key = `${iri}\u0000${person.name ?? ''}`;
    let doc = docs.get(key);
    if (!doc) {
      doc = {
        where: `${iri}${person.name ? ` (${person.name})` : ''}`,
        text: found.text,
        title: null,
        articleId: found.articleId ?? (iri.startsWith(FACTMARK_ARTICLE) ? iri.slice(FACTMARK_ARTICLE.length) : iri),
        ...(found.file ? { origin: found.file } : {}),
        annotator: person.name,
        spans: [],
        relations: [],
      };
      docs.set(key, doc);
    }
    if (doc.spans.some((s) => s.localId === localId))
      return outcome.errors.push(`${where}: the id is used by another annotation of the file`);
    doc.spans.push(span);
    if (id) byIri.set(id, { span, doc });
  });
  for (const link of links) readLink(link, byIri, outcome);
  outcome.documents.push(...docs.values());
  return outcome;
}

const READ_PURPOSES = ['tagging', 'classifying', 'describing', 'commenting'];

/** The bodies of an annotation that no part of Factmark reads, each said to be left out. */
function unreadBodies(bodies: readonly unknown[], identifying: unknown, where: string): string[] {
  const unread: string[] = [];
  bodies.forEach((b, i) => {
    const read = isRecord(b)
      ? (READ_PURPOSES.includes(b.purpose as string) && typeof b.value === 'string') ||
        (b === identifying && (iriOf(b) !== null || typeof b.source === 'string'))
      : false;
    if (read) return;
    const value = isRecord(b) ? (b.value ?? b.source ?? b.id) : b;
    const what = [
      typeof value === 'string' ? shown(value) : null,
      isRecord(b) && typeof b.purpose === 'string' ? b.purpose : 'no purpose',
    ].filter(Boolean);
    unread.push(
      `${where}: body ${i + 1} (${what.join(', ')}) is left out: Factmark reads tagging, classifying, describing, commenting and identifying bodies`,
    );
  });
  return unread;
}

/** One target's piece: by its TextPositionSelector (its quote checked), else found by its TextQuoteSelector. */
function selectPiece(
  text: string,
  selectors: unknown[],
  where: string,
): (Piece & { quote: string | null; written: string }) | string {
  const position = selectors.find((s) => isRecord(s) && s.type === 'TextPositionSelector') as
    Record<string, unknown> | undefined;
  const quote = selectors.find((s) => isRecord(s) && s.type === 'TextQuoteSelector') as
    Record<string, unknown> | undefined;
  const exact = typeof quote?.exact === 'string' ? quote.exact : null;
  const map = offsetMap(text);
  if (position) {
    const { start, end } = position;
    const written = `position ${String(start)}–${String(end)}`;
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) < 0)
      return `${where}: ${written}: start and end must be whole numbers of code points, 0 or more`;
    if ((start as number) > map.codePointLength || (end as number) > map.codePointLength)
      return `${where}: ${written} is outside the text (${map.codePointLength} code points long)`;
    return { start: map.toUtf16(start as number), end: map.toUtf16(end as number), quote: exact, written };
  }
  if (exact === null || exact === '') return `${where}: needs a TextPositionSelector or a TextQuoteSelector`;
  const prefix = typeof quote?.prefix === 'string' ? quote.prefix : '';
  const suffix = typeof quote?.suffix === 'string' ? quote.suffix : '';
  const starts: number[] = [];
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1))
    if (text.slice(0, at).endsWith(prefix) && text.slice(at + exact.length).startsWith(suffix)) starts.push(at);
  const written = `quote ${shown(exact)}`;
  if (starts.length !== 1)
    return `${where}: ${written} is found ${starts.length === 0 ? 'nowhere' : `${starts.length} times`} in the text (with its prefix and suffix); give a TextPositionSelector`;
  return { start: starts[0]!, end: starts[0]! + exact.length, quote: exact, written };
}

/** A linking annotation: a relation from the annotation its first target names to its second (or an entity). */
function readLink(
  link: { item: Record<string, unknown>; where: string; index: number },
  byIri: ReadonlyMap<string, Located>,
  outcome: ParseOutcome,
): void {
  const { item, where, index } = link;
  const label = asList(item.body)
    .filter(isRecord)
    .find((b) => typeof b.value === 'string' && (b.purpose === 'tagging' || b.purpose === undefined))?.value;
  const ends = asList(item.target).map(iriOf);
  if (typeof label !== 'string') return void outcome.errors.push(`${where}: a linking annotation needs a tagging body`);
  if (ends.length !== 2 || ends.some((e) => e === null))
    return void outcome.errors.push(`${where}: a linking annotation needs two targets, [from, to]`);
  const [fromIri, toIri] = ends as [string, string];
  const from = byIri.get(fromIri);
  if (!from) return void outcome.errors.push(`${where}: links from ${fromIri}, which is not an annotation of the file`);
  const person = creatorName(item.creator);
  if ('problem' in person) return void outcome.errors.push(`${where}: creator ${person.problem}`);
  if (person.name !== null && person.name !== from.doc.annotator)
    return void outcome.errors.push(
      `${where}: is ${person.name}'s, but links from an annotation of ${from.doc.annotator ?? 'no one'}'s layer`,
    );
  const to = byIri.get(toIri);
  if (to && to.doc !== from.doc)
    return void outcome.errors.push(`${where}: joins annotations of different texts or layers (${fromIri}, ${toIri})`);
  from.doc.relations.push({
    localId: localIdOf(iriOf(item), FACTMARK_RELATION, index),
    where: `${where} (${label})`,
    label,
    from: from.span.localId,
    to: to ? { span: to.span.localId } : { entityIri: toIri },
  });
}
