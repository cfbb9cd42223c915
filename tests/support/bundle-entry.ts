import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles a Node entry point (TypeScript) into one ES module in `outDir`, so
 * a test can start it as a child process in a fraction of a second, without
 * depending on `npm run build` having run.
 */
export async function bundleEntry(entry: string, outDir: string, name: string): Promise<string> {
  const outfile = join(outDir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}
