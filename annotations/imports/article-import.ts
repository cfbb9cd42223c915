import { articleFromText, normalizeText, titleOf } from '../article-text';
import type { Article } from '../model';
import { htmlToText } from './html-text';
import type { LabelUse } from './label-mapping';
import { refusalReasons } from './import-checks';
import type { IdSet } from './import-ids';
import { articleIdFrom, sourceWithId } from './import-ids';
import type { ImportCounts, LayerTally } from './import-report';
import { noCounts } from './import-report';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const ARTICLE_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.jsonl'] as const;

/** What happened to one file of an import. */
export interface FileReport {
  file: string;
  /** What was imported, for people to read: article ids, `layer of bob: 3 added`… */
  imported: string[];
  /** What the file added, counted; all zero when it was refused. */
  added: ImportCounts;
  /** A bundle's changes to each colleague's layer it replaced. */
  layers?: LayerTally[];
  /** Articles already in the store (same content hash). */
  duplicates: number;
  skipped: string[];
  /** Foreign labels the file uses, counted, and what each became (annotation formats). */
  labels?: LabelUse[];
  /** Kinds and relations the import added to the tagset (extend the tagset). */
  tagsetAdded?: string[];
}

export const fileReport = (file: string): FileReport => ({
  file,
  imported: [],
  added: noCounts(),
  duplicates: 0,
  skipped: [],
});

export interface ImportContext {
  stamp: string;
  /** Content hashes already in the store, and those seen earlier in this import. */
  knownHashes: Set<string>;
  /** Ids already taken. */
  takenIds: IdSet;
}

const extensionOf = (name: string) => name.slice(name.lastIndexOf('.')).toLowerCase();

/** Markdown to readable text: headings, emphasis and link targets go; the words stay. */
function markdownToText(source: string): { title: string | null; text: string } {
  const heading = /^#\s+(.+)$/m.exec(source)?.[1]?.trim() ?? null;
  const text = source
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^*\w])[*_]([^*_\n]+)[*_](?=[^*\w]|$)/g, '$1$2')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/`([^`]+)`/g, '$1');
  return { title: heading, text };
}

/** Decodes bytes as UTF-8 text, or says why they are not an article. */
export function decodeArticleBytes(bytes: Uint8Array): { text: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  if (bytes.length > MAX_FILE_BYTES)
    return {
      reason: `too large (${(bytes.length / 1048576).toFixed(1)} MiB; the limit is ${MAX_FILE_BYTES / 1048576} MiB)`,
    };
  if (bytes.subarray(0, 8000).includes(0)) return { reason: 'binary file (it contains NUL bytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    return text.trim() === '' ? { reason: 'empty file (only white space)' } : { text };
  } catch {
    return { reason: 'not UTF-8 text and not decodable as such' };
  }
}

/** An article not made yet: what one file or one JSONL line gives. */
export interface ArticleDraft {
  /** What the id is made from: a file name, or the id a JSONL line gives. */
  name: string;
  source: string;
  text: string;
  title: string | null;
  /** The id a JSONL line gave, kept in the source when the article's id differs from it. */
  rawId?: string;
}

/** The article a draft makes, or null when the store (or this import) holds its text already. */
export async function articleOf(draft: ArticleDraft, ctx: ImportContext): Promise<Article | null> {
  const article = await articleFromText(articleIdFrom(draft.name, ctx.takenIds), draft.text, draft.source, ctx.stamp);
  if (draft.title) article.title = draft.title;
  if (ctx.knownHashes.has(article.contentHash)) {
    ctx.takenIds.delete(article.id);
    return null;
  }
  ctx.knownHashes.add(article.contentHash);
  if (draft.rawId) article.source = sourceWithId(article.source, draft.rawId, article.id);
  return article;
}

/** One article into `out`, counted in the file's report. */
async function oneArticle(draft: ArticleDraft, ctx: ImportContext, report: FileReport, out: Article[]): Promise<void> {
  const article = await articleOf(draft, ctx);
  if (!article) {
    report.duplicates++;
    return;
  }
  report.imported.push(article.id);
  report.added.articles++;
  out.push(article);
}

/**
 * One line of a JSONL file of articles (`{"text", "title"?, "id"?,
 * "source"?}`, already trimmed): its draft, null for a blank line, or why it
 * is malformed.
 */
export function draftOfLine(file: string, number: number, line: string): ArticleDraft | { problem: string } | null {
  if (!line) return null;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return { problem: `malformed line ${number}: ${(error as Error).message}` };
  }
  const r = record as { text?: unknown; title?: unknown; id?: unknown; source?: unknown };
  if (typeof r !== 'object' || r === null || typeof r.text !== 'string' || r.text.trim() === '')
    return { problem: `malformed line ${number}: needs a non-empty "text"` };
  const rawId = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : '';
  return {
    name: rawId || `${file.replace(/\.jsonl$/i, '')}-${number}`,
    source: typeof r.source === 'string' ? r.source : `${file} line ${number}`,
    text: normalizeText(r.text),
    title: typeof r.title === 'string' && r.title.trim() ? r.title.trim() : titleOf(r.text),
    ...(rawId ? { rawId } : {}),
  };
}

/**
 * Turns one file into articles: .txt and .md (title from the first line or
 * heading), .html (readable text, title kept), .jsonl (one article per line:
 * `{"text", "title"?, "id"?, "source"?}`). Bad lines are reported by number.
 */
export async function articlesFromFile(
  name: string,
  bytes: Uint8Array,
  ctx: ImportContext,
): Promise<{ articles: Article[]; report: FileReport }> {
  const report = fileReport(name);
  const articles: Article[] = [];
  const ext = extensionOf(name);
  if (!(ARTICLE_EXTENSIONS as readonly string[]).includes(ext)) {
    report.skipped.push(
      `not an article file (${ext || 'no extension'}; Factmark reads ${ARTICLE_EXTENSIONS.join(', ')})`,
    );
    return { articles, report };
  }
  const decoded = decodeArticleBytes(bytes);
  if ('reason' in decoded) {
    report.skipped.push(decoded.reason);
    return { articles, report };
  }
  const text = normalizeText(decoded.text);
  if (ext === '.txt') await oneArticle({ name, source: name, text, title: null }, ctx, report, articles);
  else if (ext === '.md' || ext === '.markdown') {
    const md = markdownToText(text);
    await oneArticle({ name, source: name, text: md.text, title: md.title }, ctx, report, articles);
  } else if (ext === '.html' || ext === '.htm') {
    const html = htmlToText(text);
    if (!html.text) report.skipped.push('no readable text in the page');
    else await oneArticle({ name, source: name, text: html.text, title: html.title }, ctx, report, articles);
  } else {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const draft = draftOfLine(name, i + 1, lines[i]!.trim());
      if (draft && 'problem' in draft) report.skipped.push(draft.problem);
      else if (draft) await oneArticle(draft, ctx, report, articles);
    }
  }
  report.skipped = refusalReasons(report.skipped);
  return { articles, report };
}
