import type { ExportedFile, ExportInput } from './export-input';

/**
 * doccano sequence-labelling JSONL: `{"text", "label": [[start, end, label]]}`
 * per article, offsets as JavaScript string offsets (UTF-16), end-exclusive.
 * Relations follow doccano's relation-extraction shape alongside.
 */
export function exportDoccano(input: ExportInput): ExportedFile[] {
  const lines = input.articles.map(({ article, layer }) => {
    const index = new Map(layer.annotations.map((a, i) => [a.id, i + 1]));
    return JSON.stringify({
      id: article.id,
      text: article.text,
      label: layer.annotations.map((a) => [a.start, a.end, a.kind]),
      entities: layer.annotations.map((a) => ({
        id: index.get(a.id),
        label: a.kind,
        start_offset: a.start,
        end_offset: a.end,
      })),
      relations: layer.relations.flatMap((r, i) =>
        r.to.kind === 'annotation' && index.has(r.from) && index.has(r.to.id)
          ? [{ id: i + 1, from_id: index.get(r.from), to_id: index.get(r.to.id), type: r.type }]
          : [],
      ),
      title: article.title,
    });
  });
  return [{ path: 'doccano.jsonl', content: lines.length > 0 ? `${lines.join('\n')}\n` : '' }];
}
