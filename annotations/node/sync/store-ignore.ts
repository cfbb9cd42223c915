import type { GitIgnoreList } from '../git';
import { GITIGNORE } from '../store-layout';

/** The store's .gitignore as the ignore list of a commit. */
export function ignoreListOf(gitignore: string): GitIgnoreList {
  const rules: (string | RegExp)[] = ['.git'];
  for (const raw of gitignore.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!line.includes('*')) {
      rules.push(line.replace(/\/$/, ''));
      continue;
    }
    const pattern = line.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
    rules.push(new RegExp(`(^|/)${pattern}$`));
  }
  return rules;
}

/** What a store never shares. */
export const STORE_IGNORE = ignoreListOf(GITIGNORE);
