import type { ExportedFile, ExportInput } from './export-input';
import { layersOf } from './export-input';
import type { ExportPiece } from './export-pieces';
import { filesOf } from './export-pieces';

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
  return filesOf(exportJsonlPieces(input));
}

/** The JSONL file piece by piece: created first (empty when no article is chosen), then a line at a time. */
export function* exportJsonlPieces(
  input: ExportInput,
  onArticle?: (done: number, total: number) => void,
): Generator<ExportPiece> {
  yield { path: 'articles.jsonl', text: '' };
  let done = 0;
  for (const entry of input.articles) {
    for (const line of jsonlLines(input, entry)) yield { path: 'articles.jsonl', text: `${line}\n` };
    onArticle?.(++done, input.articles.length);
  }
}

/** The lines of one article: one per layer in scope (one with `annotator: null` when no one annotated it). */
export function jsonlLines(
  input: Omit<ExportInput, 'articles'>,
  { article, layer }: ExportInput['articles'][number],
): string[] {
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
}
