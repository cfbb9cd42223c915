import type { ExportedFile, ExportInput } from './export-input';

/**
 * JSON Lines: one line per article with its text, annotations, relations and
 * document labels, and the entities and events they link to, so each line
 * stands on its own. Offsets are JavaScript string offsets (UTF-16 code
 * units), end-exclusive, as in the store.
 */
export function exportJsonlFiles(input: ExportInput): ExportedFile[] {
  const lines = input.articles.map(({ article, layer }) => {
    const entityIds = new Set(layer.annotations.flatMap((a) => (a.entityId ? [a.entityId] : [])));
    for (const r of layer.relations) if (r.to.kind === 'entity') entityIds.add(r.to.id);
    const eventIds = new Set(layer.annotations.flatMap((a) => (a.eventId ? [a.eventId] : [])));
    return JSON.stringify({
      ...article,
      offsetUnit: 'utf16',
      annotations: layer.annotations,
      relations: layer.relations,
      documentLabels: layer.documentLabels,
      entities: input.entities.filter((e) => entityIds.has(e.id)),
      events: input.events.filter((e) => eventIds.has(e.id)),
    });
  });
  return [{ path: 'articles.jsonl', content: lines.length > 0 ? `${lines.join('\n')}\n` : '' }];
}
