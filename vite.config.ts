import react from '@vitejs/plugin-react';
import type { Plugin, Rollup } from 'vite';
import { defineConfig } from 'vite';

/**
 * The entry (renderer/src/main.tsx) is small: it asks for the article, draws
 * it as plain DOM, and only then loads the app with a dynamic `import()`. The
 * plain drawing needs the app's styles, so this links the app's CSS from
 * index.html. The app's code is not preloaded: on a machine of few cores its
 * download and compiling hold up the article's requests and their drawing
 * (the start-up benchmark measured the first paint 140 ms later with it).
 */
function linkAppStyles(appModule: string): Plugin {
  return {
    name: 'factmark:link-app-styles',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk: entry }) {
        if (!bundle || !entry) return;
        const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId?.endsWith(appModule));
        if (!app) throw new Error(`linkAppStyles: no chunk is built from ${appModule}`);
        // The app chunk and everything it imports statically, but not the entry.
        const needed = new Set<string>();
        const visit = (fileName: string) => {
          if (fileName === entry.fileName || needed.has(fileName)) return;
          needed.add(fileName);
          for (const imported of (bundle[fileName] as Rollup.OutputChunk).imports) visit(imported);
        };
        visit(app.fileName);
        const css = [...needed].flatMap((f) => [
          ...((bundle[f] as Rollup.OutputChunk).viteMetadata?.importedCss ?? []),
        ]);
        return css.map((f) => ({
          tag: 'link',
          attrs: { rel: 'stylesheet', crossorigin: true, href: `./${f}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), linkAppStyles('/renderer/src/boot.tsx')],
  // The entry chunk is a few kilobytes (see main.tsx); pages and dialogs load on first use.
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        // React and CodeMirror in chunks of their own: the browser parses the three chunks the first paint needs
        // side by side on its background threads, where one chunk of 600 KB would be parsed alone.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: 'codemirror',
              test: /[\\/]node_modules[\\/](@codemirror|@lezer|style-mod|w3c-keyname|@marijn|crelt)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173, strictPort: false },
});
