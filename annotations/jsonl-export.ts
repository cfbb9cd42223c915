import type { ExportFile } from './contract';
import type { AnnotationRepository } from './repository';

/**
 * The whole store as JSON Lines: one line per article with its text, its
 * annotations, relations and document labels. Offsets are JavaScript string
 * offsets (UTF-16 code units), end-exclusive, as in the store. Entities and
 * events that annotations link to are listed on the line too, so each line
 * stands on its own.
 */
export async function exportJsonl(repo: AnnotationRepository, stamp: string): Promise<ExportFile> {
  const { entities, events } = repo.readProject();
  const lines: string[] = [];
  for (const summary of repo.listArticles()) {
    const article = await repo.getArticle(summary.id);
    const layer = await repo.readLayer(summary.id);
    const entityIds = new Set(layer.annotations.flatMap((a) => (a.entityId ? [a.entityId] : [])));
    for (const r of layer.relations) if (r.to.kind === 'entity') entityIds.add(r.to.id);
    const eventIds = new Set(layer.annotations.flatMap((a) => (a.eventId ? [a.eventId] : [])));
    lines.push(
      JSON.stringify({
        ...article,
        offsetUnit: 'utf16',
        annotations: layer.annotations,
        relations: layer.relations,
        documentLabels: layer.documentLabels,
        entities: entities.filter((e) => entityIds.has(e.id)),
        events: events.filter((e) => eventIds.has(e.id)),
      }),
    );
  }
  return {
    fileName: `factmark-export-${stamp.slice(0, 10)}.jsonl`,
    mediaType: 'application/x-ndjson',
    content: lines.length > 0 ? `${lines.join('\n')}\n` : '',
  };
}
