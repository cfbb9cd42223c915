import type { ExportedFile, ExportInput } from './export-input';
import { offsetMap } from './offsets';

/** RFC 4180 quoting. */
function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('|') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One annotation per row: where it is (both offset units), its quote, every attribute of the tagset as a column. */
export function exportCsv(input: ExportInput): ExportedFile[] {
  const attributes = [...new Set(input.tagset.kinds.flatMap((k) => k.attributes.map((a) => a.name)))];
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
    'quote',
    ...attributes,
    'entity',
    'event',
    'note',
    'created_at',
    'updated_at',
  ];
  const rows = [header.join(',')];
  for (const { article, layer } of input.articles) {
    const map = offsetMap(article.text);
    for (const a of layer.annotations) {
      const entity = input.entities.find((e) => e.id === a.entityId)?.name ?? '';
      const event = input.events.find((e) => e.id === a.eventId)?.title ?? '';
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
        a.quote,
        ...attributes.map((n) => a.attributes[n]),
        entity,
        event,
        a.note,
        a.createdAt,
        a.updatedAt,
      ];
      rows.push(values.map(cell).join(','));
    }
  }
  return [{ path: 'annotations.csv', content: `${rows.join('\r\n')}\r\n` }];
}
