import type { Annotation, ArticleLayer, Relation } from '../model';
import { recordIdFrom } from '../imports/import-ids';
import type { Tagset } from '../tagset';
import { roleTypes } from './brat-standoff-format';
import { offsetMap } from './offsets';

export interface ParseOptions {
  articleId: string;
  annotator: string;
  tagset: Tagset;
  /** Entity ids the registry knows; `Factmark:<id>` normalisations must name one. */
  entityIds: ReadonlySet<string>;
  eventIds: ReadonlySet<string>;
  stamp: string;
}

export type ParseResult = { layer: ArticleLayer; errors: [] } | { layer: null; errors: string[] };

/** brat's value token back to the tagset's option ("mostly_true" → "mostly true"). */
function optionFor(options: readonly string[], token: string): string | undefined {
  return options.find((o) => o === token || o.replace(/\s+/g, '_') === token);
}

/** brat's ids: T (text-bound), R, E, A, M, N or # and a number; `*` for equivalences. Other letters are unknown types. */
const BRAT_ID = /^(?:[A-Za-z#]\d{1,9}|\*)$/;

/**
 * Reads a .ann file against its .txt. Every line is checked: offsets in code
 * points within the text, the quoted text matching, types known to the
 * tagset, references resolving. Any error refuses the whole file, listing
 * every bad line.
 */
export function parseBratAnn(text: string, ann: string, o: ParseOptions): ParseResult {
  const map = offsetMap(text);
  const roles = roleTypes(o.tagset);
  const errors: string[] = [];
  const spans = new Map<string, Annotation>();
  const events = new Map<string, string>(); // E id → trigger T id
  const relations: Relation[] = [];
  const lines = ann.split('\n');
  // brat numbers T1, T2… in every file, whoever wrote it: the layer is part of the id, so one
  // annotator's file never replaces another's annotations.
  const idOf = (bratId: string) => recordIdFrom(`${o.articleId}.${o.annotator}.${bratId}`);
  const annotation = (ref: string | undefined) =>
    ref === undefined ? undefined : (spans.get(ref) ?? spans.get(events.get(ref) ?? ''));

  const later: { n: number; line: string }[] = [];
  const lineOf = new Map<string, number>();
  lines.forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '') return;
    const bratId = line.split('\t', 1)[0]!;
    if (!BRAT_ID.test(bratId))
      return errors.push(
        `line ${n}: malformed id ${JSON.stringify(bratId.slice(0, 40))}; a brat line starts with an id (T, R, E, A, M, N or # and a number) and a tab`,
      );
    if (lineOf.has(bratId) && bratId !== '*')
      return errors.push(`line ${n}: id ${bratId} is used before, on line ${lineOf.get(bratId)}`);
    lineOf.set(bratId, n);
    if (!line.startsWith('T')) return later.push({ n, line });
    const [id, middle, quote] = line.split('\t');
    const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(middle ?? '');
    if (!id || !m || quote === undefined)
      return errors.push(`line ${n}: not a text-bound annotation ("T1<tab>Type START END<tab>text")`);
    const [, kind, offsetText] = m as unknown as [string, string, string];
    if (!o.tagset.kinds.some((k) => k.kind === kind)) return errors.push(`line ${n}: unknown type "${kind}"`);
    const parts = offsetText.split(';').map((p) => p.split(' ').map(Number) as [number, number]);
    try {
      const u16 = parts.map(([s, e]) => [map.toUtf16(s), map.toUtf16(e)] as const);
      if (u16.some(([s, e]) => e <= s)) return errors.push(`line ${n}: empty or reversed span`);
      const joined = u16.map(([s, e]) => text.slice(s, e)).join(' ');
      if (joined !== quote)
        return errors.push(
          `line ${n}: the text at ${offsetText} is ${JSON.stringify(joined)}, not ${JSON.stringify(quote)}`,
        );
      const start = u16[0]![0];
      const end = u16[u16.length - 1]![1];
      const defaults = Object.fromEntries(
        (o.tagset.kinds.find((k) => k.kind === kind)?.attributes ?? []).map((a) => [
          a.name,
          a.type === 'boolean' ? false : a.default,
        ]),
      );
      spans.set(id, {
        id: idOf(id),
        articleId: o.articleId,
        annotator: o.annotator,
        kind,
        start,
        end,
        quote: text.slice(start, end),
        attributes: defaults,
        note: '',
        entityId: null,
        eventId: null,
        createdAt: o.stamp,
        updatedAt: o.stamp,
      });
    } catch {
      errors.push(`line ${n}: offsets ${offsetText} are outside the text (${map.codePointLength} code points)`);
    }
  });

  for (const { n, line } of later) {
    const [id = '', body = '', rest] = line.split('\t');
    const words = body.split(' ');
    if (id.startsWith('E')) {
      const [head, ...args] = words;
      const [, trigger] = (head ?? '').split(':');
      const t = spans.get(trigger ?? '');
      if (!t) {
        errors.push(`line ${n}: event trigger "${trigger}" is not a T annotation of this file`);
        continue;
      }
      events.set(id, trigger!);
      for (const arg of args) {
        const [role = '', ref] = arg.split(':');
        const target = annotation(ref);
        if (!roles.has(role.replace(/\d+$/, ''))) errors.push(`line ${n}: unknown role "${role}"`);
        else if (!target) errors.push(`line ${n}: role argument "${ref}" is not an annotation of this file`);
        else
          relations.push({
            id: idOf(`${id}-${role}-${ref}`),
            articleId: o.articleId,
            annotator: o.annotator,
            type: role.replace(/\d+$/, ''),
            from: t.id,
            to: { kind: 'annotation', id: target.id },
            createdAt: o.stamp,
          });
      }
    } else if (id.startsWith('R')) {
      const [type = '', arg1 = '', arg2 = ''] = words;
      const from = annotation(arg1.split(':')[1]);
      const to = annotation(arg2.split(':')[1]);
      if (!o.tagset.relations.some((r) => r.type === type)) errors.push(`line ${n}: unknown relation "${type}"`);
      else if (!from || !to) errors.push(`line ${n}: relation arguments must be annotations of this file`);
      else
        relations.push({
          id: idOf(id),
          articleId: o.articleId,
          annotator: o.annotator,
          type,
          from: from.id,
          to: { kind: 'annotation', id: to.id },
          createdAt: o.stamp,
        });
    } else if (id.startsWith('A') || id.startsWith('M')) {
      const [name = '', ref, token] = words;
      const a = annotation(ref);
      const def = o.tagset.kinds.find((k) => k.kind === a?.kind)?.attributes.find((d) => d.name === name);
      if (!a) errors.push(`line ${n}: attribute of unknown annotation "${ref}"`);
      else if (!def) errors.push(`line ${n}: a ${a.kind} has no attribute "${name}"`);
      else if (def.type === 'boolean') a.attributes[name] = true;
      else if (def.type === 'choice' || def.type === 'multi-choice') {
        const option = optionFor(def.options, token ?? '');
        if (!option) errors.push(`line ${n}: "${token}" is not a value of ${name}`);
        else if (def.type === 'choice') a.attributes[name] = option;
        else a.attributes[name] = [...((a.attributes[name] as string[] | null) ?? []), option];
      } else if (def.type === 'number') a.attributes[name] = Number(token);
      else a.attributes[name] = token ?? '';
    } else if (id.startsWith('N')) {
      const [, ref, reference = ''] = words;
      const a = annotation(ref);
      const [db, value = ''] = reference.split(':');
      if (!a) errors.push(`line ${n}: normalisation of unknown annotation "${ref}"`);
      else if (db === 'Factmark') {
        if (o.entityIds.has(value)) a.entityId = value;
        else errors.push(`line ${n}: no entity "${value}" in this project`);
      } else if (db === 'FactmarkEvent') {
        if (o.eventIds.has(value)) a.eventId = value;
        else errors.push(`line ${n}: no event record "${value}" in this project`);
      }
    } else if (id.startsWith('#')) {
      const a = annotation(words[1]);
      if (!a) errors.push(`line ${n}: note on unknown annotation "${words[1]}"`);
      else a.note = rest ?? '';
    } else {
      errors.push(`line ${n}: unknown line type "${id}"`);
    }
  }
  if (errors.length > 0) return { layer: null, errors };
  return { layer: { annotations: [...spans.values()], relations, documentLabels: [] }, errors: [] };
}
