import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The app's root folder (the one with package.json), found from any file inside it. */
export function findAppRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export function appPaths(root: string): { rendererDir: string; sampleDir: string } {
  return { rendererDir: join(root, 'dist', 'renderer'), sampleDir: join(root, 'annotations', 'sample-corpus') };
}
