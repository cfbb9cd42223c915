import { z } from 'zod';
import type { ParseOutcome, ParsedDocument, ParsedSpan } from './interchange-parse';
import { emptyOutcome, isRecord, itemProblem, layerName, newSpan } from './interchange-parse';

/**
 * doccano's JSONL exports, one document per line, offsets as JavaScript
 * string offsets (UTF-16), end-exclusive: sequence labelling
 * (`{"text", "label": [[start, end, "LABEL"], …]}`) and relation extraction
 * (`{"text", "entities": [{"id", "start_offset", "end_offset", "label"}],
 * "relations": [{"id", "from_id", "to_id", "type"}]}`). A line's
 * `annotator` (or `user`) names its layer. @see https://doccano.github.io/doccano/tutorial/
 */

const Id = z.union([z.string(), z.number()]);
const LineSchema = z.looseObject({
  id: Id.nullish(),
  text: z.string(),
  title: z.string().nullish(),
  label: z.array(z.unknown()).nullish(),
  entities: z.array(z.unknown()).nullish(),
  relations: z.array(z.unknown()).nullish(),
  annotator: z.string().nullish(),
  user: z.union([z.string(), z.number()]).nullish(),
  /** Factmark's export: which entities are the pieces of one discontinuous span. */
  discontinuous: z
    .array(z.looseObject({ label: z.string(), fragments: z.array(z.tuple([z.number(), z.number()])).min(2) }))
    .nullish(),
});
const Triple = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.string().min(1)]);
const EntitySchema = z.looseObject({
  id: Id,
  start_offset: z.number().int().nonnegative(),
  end_offset: z.number().int().nonnegative(),
  label: z.string().min(1),
});
const RelationSchema = z.looseObject({ id: Id.nullish(), from_id: Id, to_id: Id, type: z.string().min(1) });

export function parseDoccano(jsonl: string): ParseOutcome {
  const outcome = emptyOutcome();
  jsonl.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `line ${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      return outcome.errors.push(`${where}: ${(error as Error).message}`);
    }
    if (!isRecord(json) || typeof json.text !== 'string') return outcome.errors.push(`${where}: needs "text"`);
    const record = LineSchema.safeParse(json);
    if (!record.success) return outcome.errors.push(itemProblem(where, record.error.issues));
    const { id, text, title, annotator, user } = record.data;
    const who = annotator ?? (typeof user === 'number' ? `user-${user}` : user);
    const person = who ? layerName(who) : { name: null };
    if ('problem' in person) return outcome.errors.push(`${where}: annotator ${person.problem}`);
    const doc: ParsedDocument = {
      where,
      text,
      title: title ?? null,
      articleId: id === undefined || id === null ? null : String(id),
      annotator: person.name,
      spans: [],
      relations: [],
    };
    const entities = record.data.entities ?? [];
    const labels = record.data.label ?? [];
    const categories = labels.filter((l) => typeof l === 'string');
    const categoriesLeftOut = () =>
      outcome.leftOut.push(
        `${where}: "label" holds categories of the whole text (${categories.join(', ')}), not spans: left out`,
      );
    if (entities.length > 0 || (labels.length === 0 && record.data.relations)) {
      readEntities(doc, entities, outcome);
      // The line's spans are its entities; a triple of "label" that is none of them (Factmark writes
      // each span both ways) is said to be left out, never dropped in silence.
      const isEntity = (l: unknown) => {
        const t = Triple.safeParse(l);
        return t.success && doc.spans.some((s) => s.label === t.data[2] && samePiece(s, t.data[0], t.data[1]));
      };
      const others = labels.filter((l) => typeof l !== 'string' && !isEntity(l)).length;
      if (others > 0)
        outcome.leftOut.push(
          `${where}: "label" holds ${others} ${others === 1 ? 'span' : 'spans'} ([start, end, label]) beside "entities", which the line’s spans are read from: left out`,
        );
      if (categories.length > 0) categoriesLeftOut();
    } else if (categories.length === labels.length && labels.length > 0) categoriesLeftOut();
    else
      labels.forEach((l, j) => {
        const triple = Triple.safeParse(l);
        if (!triple.success) return outcome.errors.push(`${where}: label ${j + 1} is not [start, end, label]`);
        const [start, end, label] = triple.data;
        doc.spans.push(span(`l${j}`, `${where}, label ${j + 1} (${start}–${end})`, label, start, end));
      });
    const alias = joinPieces(doc, record.data.discontinuous ?? [], outcome);
    (record.data.relations ?? []).forEach((r, j) => {
      const relation = RelationSchema.safeParse(r);
      const at = `${where}: relation ${j + 1}`;
      if (!relation.success) return outcome.errors.push(itemProblem(at, relation.error.issues));
      const { from_id, to_id, type } = relation.data;
      const named = (id: string | number) => {
        const localId = alias.get(`e${String(id)}`) ?? `e${String(id)}`;
        return doc.spans.find((s) => s.localId === localId);
      };
      const from = named(from_id);
      const to = named(to_id);
      // A link whose ends are not in the line is reported, never dropped in silence.
      if (!from || !to)
        return outcome.errors.push(
          `${at} (${type}) joins entity ${String(from_id)} to ${String(to_id)}, but the line has no entity ${String(from ? to_id : from_id)}`,
        );
      doc.relations.push({
        localId: `r${String(relation.data.id ?? j)}`,
        where: `${at} (${type})`,
        label: type,
        from: from.localId,
        to: { span: to.localId },
      });
    });
    outcome.documents.push(doc);
  });
  return outcome;
}

const samePiece = (s: ParsedSpan, start: number, end: number) =>
  s.pieces[0]!.start === start && s.pieces[0]!.end === end;

const span = (localId: string, where: string, label: string, start: number, end: number): ParsedSpan =>
  newSpan(localId, where, label, [{ start, end }], [null]);

function readEntities(doc: ParsedDocument, entities: unknown[], outcome: ParseOutcome): void {
  entities.forEach((e, j) => {
    const entity = EntitySchema.safeParse(e);
    const at = `${doc.where}: entity ${j + 1}`;
    if (!entity.success) return outcome.errors.push(`${at} needs id, start_offset, end_offset, label`);
    const { id, start_offset: start, end_offset: end, label } = entity.data;
    const localId = `e${String(id)}`;
    if (doc.spans.some((s) => s.localId === localId))
      return outcome.errors.push(`${at}: id ${String(id)} is used by another entity of the line`);
    doc.spans.push(
      span(localId, `${doc.where}, entity ${j + 1} (id ${String(id)}, ${start}–${end})`, label, start, end),
    );
  });
}

/**
 * Joins the entities a line's `discontinuous` lists (by label and offsets)
 * into one span, that of its first piece; the ids of the others name it.
 */
function joinPieces(
  doc: ParsedDocument,
  groups: readonly { label: string; fragments: [number, number][] }[],
  outcome: ParseOutcome,
): Map<string, string> {
  const alias = new Map<string, string>();
  const used = new Set<ParsedSpan>();
  groups.forEach(({ label, fragments }, g) => {
    const members = fragments.map(([start, end]) =>
      doc.spans.find((s) => !used.has(s) && s.label === label && samePiece(s, start, end)),
    );
    if (members.some((m) => !m))
      return outcome.errors.push(
        `${doc.where}: discontinuous span ${g + 1} (${label}) names a piece that is no ${label} entity of the line`,
      );
    const [head, ...rest] = members as ParsedSpan[];
    for (const m of members as ParsedSpan[]) used.add(m);
    for (const piece of rest) {
      head!.pieces.push(...piece.pieces);
      head!.quotes.push(...piece.quotes);
      doc.spans.splice(doc.spans.indexOf(piece), 1);
      alias.set(piece.localId, head!.localId);
    }
  });
  return alias;
}
