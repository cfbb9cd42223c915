import type { Article } from './model';
import { contentHash } from './content-hash';

const MAX_TITLE = 120;

/**
 * The title of a plain-text article: its first line when that reads as a
 * headline (short, not ending like a sentence), else the opening words.
 */
export function titleOf(text: string): string {
  const firstLine = text.trimStart().split('\n', 1)[0]?.trim() ?? '';
  if (firstLine === '') return 'Untitled';
  const looksLikeHeadline = firstLine.length <= MAX_TITLE && !/[.!?…:;,]["”’)]?$/.test(firstLine);
  if (looksLikeHeadline) return firstLine;
  const all = firstLine.split(/\s+/);
  const words = all.slice(0, 10).join(' ');
  return all.length > 10 ? `${words.replace(/[,;:.]$/, '')}…` : words;
}

/** Line endings become "\n" so offsets mean the same on every platform; nothing else changes. */
export function normalizeText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n');
}

export async function articleFromText(id: string, raw: string, source: string, addedAt: string): Promise<Article> {
  const text = normalizeText(raw);
  return { id, title: titleOf(text), text, source, addedAt, contentHash: await contentHash(text) };
}
