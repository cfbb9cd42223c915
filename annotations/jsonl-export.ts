import type { ExportFile } from './contract';
import type { AnnotationRepository } from './repository';

/**
 * The whole store as JSON Lines: one line per article with its text and
 * annotations. Offsets are JavaScript string offsets (UTF-16 code units),
 * end-exclusive, as in the store.
 */
export async function exportJsonl(repo: AnnotationRepository, stamp: string): Promise<ExportFile> {
  const lines: string[] = [];
  for (const summary of repo.listArticles()) {
    const article = await repo.getArticle(summary.id);
    const annotations = await repo.listAnnotations(summary.id);
    lines.push(JSON.stringify({ ...article, offsetUnit: 'utf16', annotations }));
  }
  const day = stamp.slice(0, 10);
  return {
    fileName: `factmark-export-${day}.jsonl`,
    mediaType: 'application/x-ndjson',
    content: lines.length > 0 ? `${lines.join('\n')}\n` : '',
  };
}
