/**
 * Fuzzy matching of person and organisation names, for suggesting which
 * registry entity a new mention refers to ("Khalid al-Obeidi" → "Khaled
 * al-Obeidi", "General Dehqan" → "Hossein Dehqan").
 */

/** Titles and ranks that say nothing about who is meant. */
const TITLES = new Set([
  'general',
  'brigadier',
  'lieutenant',
  'colonel',
  'major',
  'captain',
  'admiral',
  'commander',
  'minister',
  'president',
  'prime',
  'speaker',
  'defense',
  'defence',
  'foreign',
  'mr',
  'mrs',
  'ms',
  'dr',
  'sir',
  'sheikh',
  'ayatollah',
  'the',
  'of',
]);

/** Lower case, no diacritics, no punctuation, no article prefix ("al-"), no titles. */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .split(/[^\p{L}\p{N}-]+/u)
    .map((t) => t.replace(/^(al|el|ad|ash|as|at|ar)-/, '').replace(/-/g, ''))
    .filter((t) => t.length > 0 && !TITLES.has(t));
}

export function normalizeName(name: string): string {
  return nameTokens(name).join(' ');
}

/** Jaro–Winkler similarity in [0, 1]. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const matchedA = new Array<boolean>(a.length).fill(false);
  const matchedB = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (matchedB[j] || a[i] !== b[j]) continue;
      matchedA[i] = matchedB[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * How well `query` names `candidate`, in [0, 1]: 1 when they normalise to the
 * same tokens; otherwise the mean, over the query's tokens, of the best
 * Jaro–Winkler match among the candidate's tokens, kept below 1.
 */
export function nameSimilarity(query: string, candidate: string): number {
  const q = nameTokens(query);
  const c = nameTokens(candidate);
  if (q.length === 0 || c.length === 0) return 0;
  if (q.join(' ') === c.join(' ')) return 1;
  const perToken = q.map((t) => Math.max(...c.map((u) => jaroWinkler(t, u))));
  const tokenScore = perToken.reduce((sum, s) => sum + s, 0) / q.length;
  return Math.min(0.99, Math.max(tokenScore * 0.97, jaroWinkler(q.join(' '), c.join(' ')) * 0.97));
}
