import { z } from 'zod';
import type { ParseOutcome, ParsedDocument, ParsedSpan } from './interchange-parse';
import { emptyOutcome, isRecord, itemProblem, layerName, newSpan } from './interchange-parse';
import type { LabelStudioConfig } from './label-studio-config';

/**
 * Label Studio's exports of a text project, as Label Studio writes them:
 * the JSON export (a list of tasks, each with `data` and one `annotations`
 * entry per annotator; also a single task), and JSON-MIN (one flat record
 * per annotation). Offsets are JavaScript string offsets (UTF-16).
 * @see https://labelstud.io/guide/task_format
 * @see https://labelstud.io/guide/export#JSON-MIN
 */

const Id = z.union([z.string(), z.number()]);
const Person = z.union([
  z.string(),
  z.number(),
  z.looseObject({ email: z.string().nullish(), username: z.string().nullish(), id: z.number().nullish() }),
]);
const TaskSchema = z.looseObject({
  id: Id.nullish(),
  data: z.record(z.string(), z.unknown()),
  annotations: z.array(z.unknown()).nullish(),
  /** Label Studio before 1.0 called them completions. */
  completions: z.array(z.unknown()).nullish(),
  predictions: z.array(z.unknown()).nullish(),
});
const EntrySchema = z.looseObject({
  id: Id.nullish(),
  result: z.array(z.unknown()).nullish(),
  completed_by: Person.nullish(),
  was_cancelled: z.boolean().nullish(),
});
const ItemSchema = z.looseObject({
  type: z.string(),
  id: Id.nullish(),
  from_name: z.string().nullish(),
  value: z.record(z.string(), z.unknown()).nullish(),
});
const RegionSchema = z.looseObject({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string().nullish(),
});
const LabelsSchema = RegionSchema.extend({ labels: z.array(z.string().min(1)).min(1) });
const RelationSchema = z.looseObject({
  from_id: Id,
  to_id: Id,
  labels: z.array(z.string()).nullish(),
  direction: z.enum(['right', 'left', 'bi']).nullish(),
});

/** A region that is one piece of a discontinuous span (Factmark's export marks them so in `meta`). */
const PieceMetaSchema = z.looseObject({ factmark_span: z.string().min(1), fragment: z.number().int().positive() });
type RegionPiece = z.infer<typeof PieceMetaSchema> & { id: string; span: ParsedSpan };

/**
 * Joins the regions that are pieces of one span into the span of its first
 * piece (whose region id is the span's), in piece order; a result or link
 * naming any piece's region names the span.
 */
function joinRegions(pieces: RegionPiece[], regions: Map<string, ParsedSpan[]>, doc: ParsedDocument): void {
  const bySpan = new Map<string, RegionPiece[]>();
  for (const piece of pieces) bySpan.set(piece.factmark_span, [...(bySpan.get(piece.factmark_span) ?? []), piece]);
  for (const group of bySpan.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => a.fragment - b.fragment);
    const head = group[0]!.span;
    for (const piece of group.slice(1)) {
      if (piece.span.label !== head.label) continue;
      head.pieces.push(...piece.span.pieces);
      head.quotes.push(...piece.span.quotes);
      doc.spans.splice(doc.spans.indexOf(piece.span), 1);
      regions.set(piece.id, [head]);
    }
  }
}

/** Whose layer an annotation is: a name, an email (or username), `user-<id>` for a bare id; null when unsaid. */
function personName(person: z.infer<typeof Person> | null | undefined): { name: string | null } | { problem: string } {
  if (person === null || person === undefined) return { name: null };
  if (typeof person === 'number') return { name: `user-${person}` };
  if (typeof person === 'string') return layerName(person);
  if (person.email) return layerName(person.email);
  if (person.username) return layerName(person.username);
  return typeof person.id === 'number' ? { name: `user-${person.id}` } : { name: null };
}

/** An attribute's name from a control's: `claim.verdict` (Factmark's own config) on a claim region is `verdict`. */
function attributeName(control: string, label: string): string {
  if (control.startsWith(`${label}.`)) return control.slice(label.length + 1);
  return control.includes('.') ? control.slice(control.indexOf('.') + 1) : control;
}

const META = new Set(['id', 'annotator', 'annotation_id', 'created_at', 'updated_at', 'lead_time', 'agreement']);

/** Reads Label Studio tasks (or JSON-MIN records); `config` names the text's data key. */
export function parseLabelStudio(json: unknown, config: LabelStudioConfig | null): ParseOutcome {
  const outcome = emptyOutcome();
  const textKey = config?.textKey ?? 'text';
  const items = Array.isArray(json) ? json : isRecord(json) && 'data' in json ? [json] : null;
  if (!items) {
    outcome.errors.push('not a Label Studio export: expected a list of tasks (or one task with "data")');
    return outcome;
  }
  let predicted = 0;
  items.forEach((item, t) => {
    const where = `task ${t + 1}${isRecord(item) && item.id !== undefined ? ` (id ${String(item.id)})` : ''}`;
    if (isRecord(item) && !('data' in item) && typeof item[textKey] === 'string')
      return readMinimal(item, where, textKey, outcome);
    const task = TaskSchema.safeParse(item);
    if (!task.success) return outcome.errors.push(itemProblem(where, task.error.issues));
    const { data } = task.data;
    const text = data[textKey];
    if (typeof text !== 'string') return outcome.errors.push(`${where}: needs data.${textKey}`);
    if ((task.data.predictions ?? []).length > 0) predicted++;
    const base = {
      text,
      title: typeof data.title === 'string' ? data.title : null,
      articleId: typeof data.article_id === 'string' ? data.article_id : null,
    };
    const entries = task.data.annotations ?? task.data.completions ?? [];
    if (entries.length === 0) outcome.documents.push({ ...base, where, annotator: null, spans: [], relations: [] });
    entries.forEach((raw, a) => {
      const at = `${where}, annotation ${a + 1}`;
      const entry = EntrySchema.safeParse(raw);
      if (!entry.success) return outcome.errors.push(itemProblem(at, entry.error.issues));
      const person = personName(entry.data.completed_by);
      if ('problem' in person) return outcome.errors.push(`${at}: completed_by ${person.problem}`);
      const doc: ParsedDocument = { ...base, where: at, annotator: person.name, spans: [], relations: [] };
      if (entry.data.was_cancelled) {
        outcome.notes.push(`${at}${person.name ? ` (${person.name})` : ''} was skipped in Label Studio: left out`);
        return;
      }
      readResult(entry.data.result ?? [], doc, at, outcome);
      outcome.documents.push(doc);
    });
  });
  if (predicted > 0)
    outcome.notes.push(
      `predictions of ${predicted} ${predicted === 1 ? 'task' : 'tasks'} left out: they are a model's suggestions, not anyone's annotations`,
    );
  return outcome;
}

/** One annotation's result items: regions first (a choice may come before its region), then the rest. */
function readResult(result: unknown[], doc: ParsedDocument, at: string, outcome: ParseOutcome): void {
  const regions = new Map<string, ParsedSpan[]>();
  const items = result.map((raw, i) => ({ raw, where: `${at}, result ${i + 1}`, parsed: ItemSchema.safeParse(raw) }));
  const pieces: RegionPiece[] = [];
  for (const { raw, parsed, where } of items) {
    if (!parsed.success) {
      outcome.errors.push(itemProblem(where, parsed.error.issues));
      continue;
    }
    if (parsed.data.type !== 'labels') continue;
    const value = LabelsSchema.safeParse(parsed.data.value);
    if (!value.success || parsed.data.id === undefined || parsed.data.id === null) {
      outcome.errors.push(
        value.success ? `${where}: needs the region's id` : itemProblem(`${where}: value`, value.error.issues),
      );
      continue;
    }
    const { start, end, text, labels } = value.data;
    const id = String(parsed.data.id);
    const spans = labels.map((label) =>
      newSpan(
        labels.length === 1 ? id : `${id}:${label}`,
        `${where} (region ${id}, ${start}–${end})`,
        label,
        [{ start, end }],
        [text ?? null],
      ),
    );
    regions.set(id, [...(regions.get(id) ?? []), ...spans]);
    doc.spans.push(...spans);
    const meta = PieceMetaSchema.safeParse(isRecord(raw) ? raw.meta : undefined);
    if (meta.success && labels.length === 1) pieces.push({ id, span: spans[0]!, ...meta.data });
  }
  joinRegions(pieces, regions, doc);
  for (const { raw, parsed, where } of items) {
    if (!parsed.success || parsed.data.type === 'labels') continue;
    const { type, id, from_name: control } = parsed.data;
    if (type === 'relation') {
      const relation = RelationSchema.safeParse(raw);
      if (!relation.success) {
        outcome.errors.push(itemProblem(where, relation.error.issues));
        continue;
      }
      const { from_id, to_id, labels, direction } = relation.data;
      if (!labels || labels.length === 0) {
        outcome.errors.push(
          `${where}: a relation from "${from_id}" to "${to_id}" has no label; Factmark's links are typed (give it one in Label Studio's <Relations>)`,
        );
        continue;
      }
      const [from, to] = direction === 'left' ? [String(to_id), String(from_id)] : [String(from_id), String(to_id)];
      for (const label of labels) {
        const head = regions.get(from)?.[0]?.localId ?? from;
        const tail = regions.get(to)?.[0]?.localId ?? to;
        doc.relations.push({ localId: `${from}>${to}:${label}`, where, label, from: head, to: { span: tail } });
      }
      continue;
    }
    if (!['choices', 'textarea', 'number', 'rating'].includes(type)) {
      outcome.leftOut.push(
        `${where}: a "${type}" result is not text labelling (Factmark reads labels, choices, textarea, number, rating and relation results)`,
      );
      continue;
    }
    const spans = id === undefined || id === null ? undefined : regions.get(String(id));
    if (!spans) {
      outcome.leftOut.push(
        `${where}: a "${type}" result of "${control ?? type}" belongs to no labelled region of the annotation (a task-level value): left out`,
      );
      continue;
    }
    const value = parsed.data.value ?? {};
    for (const span of spans) {
      const name = attributeName(control ?? type, span.label);
      if (type === 'choices' && Array.isArray(value.choices))
        span.attributes[name] = value.choices.map((c) => String(c));
      else if (type === 'textarea' && Array.isArray(value.text))
        span.texts.push({ name, text: value.text.map((x) => String(x)).join('\n') });
      else if (type === 'number' && typeof value.number === 'number') span.attributes[name] = value.number;
      else if (type === 'rating' && typeof value.rating === 'number') span.attributes[name] = value.rating;
      else outcome.errors.push(`${where}: a "${type}" result without its value`);
    }
  }
}

/**
 * A JSON-MIN record: the task's data, each control's values under its name
 * (`label: [{start, end, text, labels}]`), per-region choices matched to
 * their region by offsets, and `annotator`.
 */
function readMinimal(record: Record<string, unknown>, where: string, textKey: string, outcome: ParseOutcome): void {
  const person = personName(
    typeof record.annotator === 'string' || typeof record.annotator === 'number' ? record.annotator : null,
  );
  if ('problem' in person) {
    outcome.errors.push(`${where}: annotator ${person.problem}`);
    return;
  }
  const doc: ParsedDocument = {
    where,
    text: record[textKey] as string,
    title: typeof record.title === 'string' ? record.title : null,
    articleId: typeof record.article_id === 'string' ? record.article_id : null,
    annotator: person.name,
    spans: [],
    relations: [],
  };
  const fields = Object.entries(record).filter(([key, v]) => !META.has(key) && key !== textKey && Array.isArray(v));
  for (const [key, values] of fields)
    (values as unknown[]).forEach((v, i) => {
      const at = `${where}, ${key} ${i + 1}`;
      const region = LabelsSchema.safeParse(v);
      if (!isRecord(v) || !('labels' in v)) return;
      if (!region.success) return outcome.errors.push(itemProblem(at, region.error.issues));
      const { start, end, text, labels } = region.data;
      for (const label of labels)
        doc.spans.push(
          newSpan(
            `${key}[${i}]${labels.length > 1 ? `:${label}` : ''}`,
            `${at} (${start}–${end})`,
            label,
            [{ start, end }],
            [text ?? null],
          ),
        );
    });
  for (const [key, values] of fields) {
    if ((values as unknown[]).some((v) => typeof v === 'string'))
      outcome.leftOut.push(
        `${where}, ${key}: values without their region's offsets (JSON-MIN writes a single choice so): left out`,
      );
    (values as unknown[]).forEach((v, i) => {
      if (typeof v === 'string' || (isRecord(v) && 'labels' in v)) return;
      if (!isRecord(v) || !Array.isArray(v.choices))
        return outcome.leftOut.push(
          `${where}, ${key} ${i + 1}: neither labels nor choices (Factmark reads those from JSON-MIN; the JSON export carries the rest): left out`,
        );
      const spans = doc.spans.filter((s) => s.pieces[0]!.start === v.start && s.pieces[0]!.end === v.end);
      if (spans.length === 0)
        return outcome.leftOut.push(`${where}, ${key} ${i + 1}: choices for no labelled region: left out`);
      for (const span of spans) span.attributes[attributeName(key, span.label)] = v.choices.map(String);
    });
  }
  outcome.documents.push(doc);
}
