import type { AttributeValue } from '../tagset';
import { offsetMap } from './offsets';
import { articleUrn } from './w3c-web-annotation-format';

/** A span read from another tool's file, offsets already converted to UTF-16. */
export interface ParsedSpan {
  localId: string;
  kind: string;
  start: number;
  end: number;
  quote: string;
  attributes: Record<string, AttributeValue>;
  note: string;
}

export interface ParsedDocument {
  /** Where it is in the file, for messages. */
  where: string;
  text: string;
  title: string | null;
  /** The Factmark article id it came from, when the file says so. */
  articleId: string | null;
  spans: ParsedSpan[];
  relations: { type: string; from: string; to: string }[];
}

export interface ParseOutcome {
  documents: ParsedDocument[];
  errors: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Label Studio JSON tasks: `labels` regions, per-region `choices` and `textarea`, `relation` items. */
export function parseLabelStudio(json: unknown): ParseOutcome {
  const errors: string[] = [];
  const documents: ParsedDocument[] = [];
  if (!Array.isArray(json)) return { documents, errors: ['not a Label Studio task list (a JSON array)'] };
  json.forEach((task, t) => {
    const where = `task ${t + 1}`;
    const data = isRecord(task) && isRecord(task.data) ? task.data : null;
    if (!data || typeof data.text !== 'string') return errors.push(`${where}: needs data.text`);
    const doc: ParsedDocument = {
      where,
      text: data.text,
      title: typeof data.title === 'string' ? data.title : null,
      articleId: typeof data.article_id === 'string' ? data.article_id : null,
      spans: [],
      relations: [],
    };
    const annotations = Array.isArray(task.annotations) ? task.annotations : [];
    annotations.forEach((annotation: unknown, a: number) => {
      const result = isRecord(annotation) && Array.isArray(annotation.result) ? annotation.result : [];
      const byId = new Map<string, ParsedSpan>();
      result.forEach((item: unknown, i: number) => {
        const at = `${where}, annotation ${a + 1}, result ${i + 1}`;
        if (!isRecord(item)) return errors.push(`${at}: not an object`);
        if (item.type === 'relation') {
          if (typeof item.from_id !== 'string' || typeof item.to_id !== 'string')
            return errors.push(`${at}: a relation needs from_id and to_id`);
          const label = Array.isArray(item.labels) && typeof item.labels[0] === 'string' ? item.labels[0] : null;
          if (!label) return errors.push(`${at}: a relation needs a label`);
          return doc.relations.push({ type: label, from: `${a}:${item.from_id}`, to: `${a}:${item.to_id}` });
        }
        const value = isRecord(item.value) ? item.value : null;
        if (!value || typeof item.id !== 'string' || typeof value.start !== 'number' || typeof value.end !== 'number')
          return errors.push(`${at}: needs id and value.start/end`);
        const localId = `${a}:${item.id}`;
        if (item.type === 'labels') {
          const kind = Array.isArray(value.labels) && typeof value.labels[0] === 'string' ? value.labels[0] : null;
          if (!kind) return errors.push(`${at}: needs value.labels`);
          const span: ParsedSpan = {
            localId,
            kind,
            start: value.start,
            end: value.end,
            quote: typeof value.text === 'string' ? value.text : '',
            attributes: {},
            note: '',
          };
          byId.set(localId, span);
          return doc.spans.push(span);
        }
        const span = byId.get(localId);
        if (!span) return errors.push(`${at}: belongs to region "${item.id}", which has no labels before it`);
        if (item.type === 'choices' && Array.isArray(value.choices) && typeof item.from_name === 'string') {
          const name = item.from_name.includes('.')
            ? item.from_name.slice(item.from_name.indexOf('.') + 1)
            : item.from_name;
          const choices = value.choices.map(String);
          span.attributes[name] =
            choices.length === 1
              ? choices[0] === 'true'
                ? true
                : choices[0] === 'false'
                  ? false
                  : choices[0]!
              : choices;
        } else if (item.type === 'textarea' && Array.isArray(value.text)) span.note = value.text.join('\n');
      });
    });
    documents.push(doc);
  });
  return { documents, errors };
}

/** doccano JSONL: `{"text", "label": [[start, end, label]]}` per line (or the relation shape with `entities`). */
export function parseDoccano(jsonl: string): ParseOutcome {
  const errors: string[] = [];
  const documents: ParsedDocument[] = [];
  jsonl.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `line ${i + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      return errors.push(`${where}: ${(error as Error).message}`);
    }
    if (!isRecord(record) || typeof record.text !== 'string') return errors.push(`${where}: needs "text"`);
    const text = record.text;
    const doc: ParsedDocument = {
      where,
      text,
      title: typeof record.title === 'string' ? record.title : null,
      articleId: typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : null,
      spans: [],
      relations: [],
    };
    const labels = Array.isArray(record.label) ? record.label : [];
    labels.forEach((l: unknown, j: number) => {
      if (!Array.isArray(l) || typeof l[0] !== 'number' || typeof l[1] !== 'number' || typeof l[2] !== 'string')
        return errors.push(`${where}: label ${j + 1} is not [start, end, label]`);
      doc.spans.push({
        localId: `l${j}`,
        kind: l[2],
        start: l[0],
        end: l[1],
        quote: text.slice(l[0], l[1]),
        attributes: {},
        note: '',
      });
    });
    if (labels.length === 0 && Array.isArray(record.entities)) {
      record.entities.forEach((e: unknown, j: number) => {
        if (
          !isRecord(e) ||
          typeof e.start_offset !== 'number' ||
          typeof e.end_offset !== 'number' ||
          typeof e.label !== 'string'
        )
          return errors.push(`${where}: entity ${j + 1} needs start_offset, end_offset, label`);
        doc.spans.push({
          localId: `e${String(e.id)}`,
          kind: e.label,
          start: e.start_offset,
          end: e.end_offset,
          quote: text.slice(e.start_offset, e.end_offset),
          attributes: {},
          note: '',
        });
      });
    }
    if (Array.isArray(record.relations)) {
      const ids = new Map(
        (Array.isArray(record.entities) ? record.entities : []).map((e: unknown, j: number) => [
          String(isRecord(e) ? e.id : j),
          labels.length > 0 ? `l${j}` : `e${String(isRecord(e) ? e.id : j)}`,
        ]),
      );
      record.relations.forEach((r: unknown, j: number) => {
        if (!isRecord(r) || typeof r.type !== 'string')
          return errors.push(`${where}: relation ${j + 1} needs type, from_id and to_id`);
        const from = ids.get(String(r.from_id));
        const to = ids.get(String(r.to_id));
        // A link whose ends are not in the line is reported, never dropped in silence.
        if (!from || !to)
          return errors.push(
            `${where}: relation ${j + 1} (${r.type}) joins entity ${String(r.from_id)} to ${String(r.to_id)}, but the line has no entity ${String(from ? r.to_id : r.from_id)}`,
          );
        doc.relations.push({ type: r.type, from, to });
      });
    }
    documents.push(doc);
  });
  return { documents, errors };
}

const URN = articleUrn('');
/** The last path segment of an IRI, without query, fragment or `.txt`: the text file a source names. */
const lastSegment = (iri: string) =>
  (
    iri
      .replace(/[?#].*$/, '')
      .split('/')
      .filter(Boolean)
      .pop() ?? ''
  ).replace(/\.txt$/, '');

/**
 * W3C Web Annotation: an AnnotationCollection (or a list of annotations)
 * whose targets' TextPositionSelectors count code points in `texts[source]`
 * (or, for a source of another IRI, in the text file its last segment names).
 */
export function parseW3C(json: unknown, texts: ReadonlyMap<string, string>): ParseOutcome {
  const errors: string[] = [];
  const items: unknown[] = Array.isArray(json)
    ? json
    : isRecord(json) && isRecord(json.first) && Array.isArray(json.first.items)
      ? json.first.items
      : isRecord(json) && Array.isArray(json.items)
        ? json.items
        : [];
  if (items.length === 0 && !(Array.isArray(json) || isRecord(json)))
    return { documents: [], errors: ['not a W3C annotation collection'] };
  const docs = new Map<string, ParsedDocument>();
  items.forEach((item, i) => {
    const where = `annotation ${i + 1}`;
    if (!isRecord(item)) return errors.push(`${where}: not an object`);
    const target = isRecord(item.target) ? item.target : null;
    const source = target && typeof target.source === 'string' ? target.source : null;
    if (!source) return errors.push(`${where}: needs target.source`);
    const text = texts.get(source) ?? texts.get(articleUrn(lastSegment(source)));
    if (text === undefined)
      return errors.push(`${where}: no text for ${source} (export the texts beside the annotations)`);
    const selectors = Array.isArray(target!.selector) ? target!.selector : [target!.selector];
    const position = selectors.find((s: unknown) => isRecord(s) && s.type === 'TextPositionSelector') as
      { start?: unknown; end?: unknown } | undefined;
    const quote = selectors.find((s: unknown) => isRecord(s) && s.type === 'TextQuoteSelector') as
      { exact?: unknown } | undefined;
    if (!position || typeof position.start !== 'number' || typeof position.end !== 'number')
      return errors.push(`${where}: needs a TextPositionSelector`);
    const map = offsetMap(text);
    let start: number;
    let end: number;
    try {
      start = map.toUtf16(position.start);
      end = map.toUtf16(position.end);
    } catch {
      return errors.push(`${where}: position ${position.start}–${position.end} is outside the text`);
    }
    const bodies: Record<string, unknown>[] = (
      Array.isArray(item.body) ? (item.body as unknown[]) : [item.body]
    ).filter(isRecord);
    const kind = bodies.find((b) => b.purpose === 'tagging' && typeof b.value === 'string')?.value as
      string | undefined;
    if (!kind) return errors.push(`${where}: needs a tagging body`);
    const attributes: Record<string, AttributeValue> = {};
    for (const b of bodies.filter((x) => x.purpose === 'classifying' && typeof x.value === 'string')) {
      const [name, ...rest] = (b.value as string).split('=');
      const value = rest.join('=');
      attributes[name!] = value === 'true' ? true : value === 'false' ? false : value;
    }
    const note = bodies
      .filter((b) => b.purpose === 'describing' && typeof b.value === 'string')
      .map((b) => b.value as string)
      .join('\n');
    let doc = docs.get(source);
    if (!doc) {
      doc = {
        where: source,
        text,
        title: null,
        articleId: source.startsWith(URN) ? source.slice(URN.length) : source,
        spans: [],
        relations: [],
      };
      docs.set(source, doc);
    }
    doc.spans.push({
      localId: String(item.id ?? i),
      kind,
      start,
      end,
      quote: typeof quote?.exact === 'string' ? quote.exact : text.slice(start, end),
      attributes,
      note,
    });
  });
  return { documents: [...docs.values()], errors };
}
