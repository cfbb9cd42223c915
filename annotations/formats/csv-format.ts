import type { Annotation, ArticleLayer, Entity } from '../model';
import type { ExportedFile, ExportInput } from './export-input';
import { offsetMap } from './offsets';
import { spanText } from './span-text';

/** RFC 4180 quoting; an unset value (null, absent) is an empty cell, never "false". */
function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('|') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Who said each claim: per said-by link of the annotation, the speaker span's
 * quote and the name of the entity that span links to ('' where there is
 * none; a link straight to an entity has no quote).
 */
function speakersOf(layer: ArticleLayer, entities: ReadonlyMap<string, Entity>) {
  const byId = new Map(layer.annotations.map((a) => [a.id, a]));
  const saidBy = new Map<string, { quote: string; entity: string }[]>();
  for (const r of layer.relations) {
    if (r.type !== 'said-by') continue;
    const speaker = r.to.kind === 'annotation' ? byId.get(r.to.id) : undefined;
    if (r.to.kind === 'annotation' && !speaker) continue;
    const entityId = r.to.kind === 'entity' ? r.to.id : (speaker?.entityId ?? null);
    const list = saidBy.get(r.from) ?? [];
    list.push({ quote: speaker ? spanText(speaker) : '', entity: (entityId && entities.get(entityId)?.name) || '' });
    saidBy.set(r.from, list);
  }
  return (a: Annotation) => saidBy.get(a.id) ?? [];
}

/** A discontinuous span's pieces as `start-end;start-end` in one unit; empty for a continuous span. */
function fragmentsCell(a: Annotation, unit: (offset: number) => number): string {
  return a.fragments ? a.fragments.map((f) => `${unit(f.start)}-${unit(f.end)}`).join(';') : '';
}

/**
 * One annotation per row: where it is (both offset units: `start_*`/`end_*`
 * frame the span; `fragments_utf16`/`fragments_codepoint` give a
 * discontinuous span's pieces as `start-end;start-end`, empty for a
 * continuous one), its `quote` (a discontinuous span's pieces joined by
 * " … ", never the gaps' text), whose layer it is in (`annotator`), every
 * attribute of the tagset as a column, `said_by` (the quotes of the speaker
 * spans a said-by link joins it to) and `said_by_entity` (the entities those
 * speakers link to, in the same order; several are joined by `|`).
 */
export function exportCsv(input: ExportInput): ExportedFile[] {
  const attributes = [...new Set(input.tagset.kinds.flatMap((k) => k.attributes.map((a) => a.name)))];
  const entities = new Map(input.entities.map((e) => [e.id, e]));
  const events = new Map(input.events.map((e) => [e.id, e]));
  const header = [
    'article_id',
    'article_title',
    'annotation_id',
    'annotator',
    'kind',
    'start_utf16',
    'end_utf16',
    'start_codepoint',
    'end_codepoint',
    'fragments_utf16',
    'fragments_codepoint',
    'quote',
    ...attributes,
    'said_by',
    'said_by_entity',
    'entity',
    'event',
    'note',
    'created_at',
    'updated_at',
  ];
  const rows = [header.join(',')];
  for (const { article, layer } of input.articles) {
    const map = offsetMap(article.text);
    const speakers = speakersOf(layer, entities);
    for (const a of layer.annotations) {
      const said = speakers(a);
      const values = [
        article.id,
        article.title,
        a.id,
        a.annotator,
        a.kind,
        a.start,
        a.end,
        map.toCodePoint(a.start),
        map.toCodePoint(a.end),
        fragmentsCell(a, (o) => o),
        fragmentsCell(a, (o) => map.toCodePoint(o)),
        spanText(a),
        ...attributes.map((n) => a.attributes[n]),
        said.map((s) => s.quote),
        said.some((s) => s.entity) ? said.map((s) => s.entity) : '',
        (a.entityId && entities.get(a.entityId)?.name) ?? '',
        (a.eventId && events.get(a.eventId)?.title) ?? '',
        a.note,
        a.createdAt,
        a.updatedAt,
      ];
      rows.push(values.map(cell).join(','));
    }
  }
  return [{ path: 'annotations.csv', content: `${rows.join('\r\n')}\r\n` }];
}
