import type { ExportedFile, ExportInput } from './export-input';
import { layersOf } from './export-input';

/**
 * doccano sequence-labelling JSONL: `{"text", "label": [[start, end, label]]}`
 * per article and layer, offsets as JavaScript string offsets (UTF-16),
 * end-exclusive. Relations follow doccano's relation-extraction shape
 * alongside. Each line names its layer in `annotator`: an export of every
 * layer writes one line per annotator of the article (and one with
 * `annotator: null` for an article no one annotated), never their labels
 * mixed.
 */
export function exportDoccano(input: ExportInput): ExportedFile[] {
  const lines = input.articles.flatMap(({ article, layer }) => {
    const layers = layersOf(input, layer);
    const named = layers.length > 0 ? layers : [{ annotator: null, layer }];
    return named.map(({ annotator, layer: own }) => {
      const index = new Map(own.annotations.map((a, i) => [a.id, i + 1]));
      return JSON.stringify({
        id: article.id,
        text: article.text,
        label: own.annotations.map((a) => [a.start, a.end, a.kind]),
        entities: own.annotations.map((a) => ({
          id: index.get(a.id),
          label: a.kind,
          start_offset: a.start,
          end_offset: a.end,
        })),
        relations: own.relations.flatMap((r, i) =>
          r.to.kind === 'annotation' && index.has(r.from) && index.has(r.to.id)
            ? [{ id: i + 1, from_id: index.get(r.from), to_id: index.get(r.to.id), type: r.type }]
            : [],
        ),
        title: article.title,
        annotator,
      });
    });
  });
  return [{ path: 'doccano.jsonl', content: lines.length > 0 ? `${lines.join('\n')}\n` : '' }];
}
