import type { ExportedFile, ExportInput } from './export-input';
import { layersOf } from './export-input';

/**
 * JSON Lines: one line per article and layer with its text, the layer's
 * annotator, annotations, relations and document labels, and the entities
 * and events they link to, so each line stands on its own. An export of every
 * layer writes one line per annotator of the article (and one with
 * `annotator: null` for an article no one annotated). Offsets are JavaScript
 * string offsets (UTF-16 code units), end-exclusive, as in the store; a
 * discontinuous span keeps its `fragments` (`start`/`end` frame them). An
 * unset attribute is `null`.
 */
export function exportJsonlFiles(input: ExportInput): ExportedFile[] {
  const lines = input.articles.flatMap(({ article, layer }) => {
    const layers = layersOf(input, layer);
    const named = layers.length > 0 ? layers : [{ annotator: null, layer }];
    return named.map(({ annotator, layer: own }) => {
      const entityIds = new Set(own.annotations.flatMap((a) => (a.entityId ? [a.entityId] : [])));
      for (const r of own.relations) if (r.to.kind === 'entity') entityIds.add(r.to.id);
      const eventIds = new Set(own.annotations.flatMap((a) => (a.eventId ? [a.eventId] : [])));
      return JSON.stringify({
        ...article,
        offsetUnit: 'utf16',
        annotator,
        annotations: own.annotations,
        relations: own.relations,
        documentLabels: own.documentLabels,
        entities: input.entities.filter((e) => entityIds.has(e.id)),
        events: input.events.filter((e) => eventIds.has(e.id)),
      });
    });
  });
  return [{ path: 'articles.jsonl', content: lines.length > 0 ? `${lines.join('\n')}\n` : '' }];
}
