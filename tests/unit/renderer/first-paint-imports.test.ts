import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

/** The modules a file imports for its values (type-only imports and `import()` load nothing at start). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  const statement = /^(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?'([^']+)'/gm;
  for (const match of source.matchAll(statement)) specifiers.push(match[1]!);
  return specifiers;
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`])
    if (existsSync(candidate) && !candidate.endsWith('.css') && /\.tsx?$/.test(candidate)) return candidate;
  return null;
}

/** Every package and source file the app's code loads before its first paint, by path of imports. */
function firstPaintGraph(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const specifier of staticImports(file)) {
      const path = [...reached.get(file)!, specifier];
      if (!specifier.startsWith('.')) {
        if (!reached.has(specifier)) reached.set(specifier, path);
        continue;
      }
      const next = resolveLocal(file, specifier);
      if (next && !reached.has(next)) {
        reached.set(next, path);
        queue.push(next);
      }
    }
  }
  return reached;
}

describe("the editor's first paint", () => {
  it('loads no schema library: saved values are checked by hand or once they are there', () => {
    const graph = firstPaintGraph(resolve(root, 'renderer/src/boot.tsx'));
    expect(graph.size).toBeGreaterThan(50); // The walk found the app, not just its entry.
    const zod = [...graph].filter(([name]) => name === 'zod' || name.startsWith('zod/'));
    expect(zod.map(([, path]) => path.join(' → '))).toEqual([]);
  });

  it('is drawn by an entry that loads neither React, CodeMirror nor a schema library: only its own few modules', () => {
    const graph = firstPaintGraph(resolve(root, 'renderer/src/main.tsx'));
    const packages = [...graph].filter(([name]) => !name.startsWith('/'));
    expect(packages.map(([, path]) => path.join(' → '))).toEqual([]);
    // The walk went through the entry's own modules (the plain drawing among them), and not into the app.
    expect([...graph.keys()]).toContain(resolve(root, 'renderer/src/first-paint/first-paint.ts'));
    expect([...graph.keys()]).not.toContain(resolve(root, 'renderer/src/boot.tsx'));
    expect(graph.size).toBeLessThan(20);
  });
});
