import type { Annotation } from '../model';
import { spanPieces } from '../spans';
import type { ExportedFile, ExportInput } from './export-input';
import { layersOf } from './export-input';

/**
 * doccano has no discontinuous spans: each piece of one is an entity (and a
 * `label` triple) of its own, and the line's `discontinuous` lists which
 * pieces make one span, by label and offsets. doccano drops unknown fields
 * of an entity but keeps a line's unknown fields as the example's metadata
 * and writes them back on export, so the import can join the pieces again.
 */
export interface DoccanoDiscontinuous {
  label: string;
  fragments: [number, number][];
}

/**
 * doccano sequence-labelling JSONL: `{"text", "label": [[start, end, label]]}`
 * per article and layer, offsets as JavaScript string offsets (UTF-16),
 * end-exclusive. Relations follow doccano's relation-extraction shape
 * alongside, from and to the first piece of a discontinuous span. Each line
 * names its layer in `annotator`: an export of every layer writes one line
 * per annotator of the article (and one with `annotator: null` for an
 * article no one annotated), never their labels mixed.
 */
export function exportDoccano(input: ExportInput): ExportedFile[] {
  const lines = input.articles.flatMap(({ article, layer }) => {
    const layers = layersOf(input, layer);
    const named = layers.length > 0 ? layers : [{ annotator: null, layer }];
    return named.map(({ annotator, layer: own }) => {
      const pieces = own.annotations.flatMap((a) => spanPieces(a).map((p) => ({ ...p, a })));
      const index = new Map<string, number>();
      pieces.forEach(({ a }, i) => {
        if (!index.has(a.id)) index.set(a.id, i + 1);
      });
      const discontinuous = own.annotations.filter((a) => a.fragments).map(discontinuousOf);
      return JSON.stringify({
        id: article.id,
        text: article.text,
        label: pieces.map(({ start, end, a }) => [start, end, a.kind]),
        entities: pieces.map(({ start, end, a }, i) => ({
          id: i + 1,
          label: a.kind,
          start_offset: start,
          end_offset: end,
        })),
        relations: own.relations.flatMap((r, i) =>
          r.to.kind === 'annotation' && index.has(r.from) && index.has(r.to.id)
            ? [{ id: i + 1, from_id: index.get(r.from), to_id: index.get(r.to.id), type: r.type }]
            : [],
        ),
        ...(discontinuous.length > 0 ? { discontinuous } : {}),
        title: article.title,
        annotator,
      });
    });
  });
  return [{ path: 'doccano.jsonl', content: lines.length > 0 ? `${lines.join('\n')}\n` : '' }];
}

const discontinuousOf = (a: Annotation): DoccanoDiscontinuous => ({
  label: a.kind,
  fragments: spanPieces(a).map((p): [number, number] => [p.start, p.end]),
});
