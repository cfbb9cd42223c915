/**
 * Node's file operations run on libuv's thread pool, four threads unless
 * `UV_THREADPOOL_SIZE` says otherwise. An import writes its articles sixteen
 * at a time, each flushed to disk (`new-files-write.ts`): with four threads,
 * twelve of them wait behind a flush. The pool is made at the first file
 * operation, reading the variable then, so this module is imported before any
 * other by each entry point (the command line, the web mode, the desktop
 * app's main process). A size the user set is kept.
 */
export const FILE_THREADS = 16;

/** Sets the pool's size in `env`, unless it is set already; what it is. */
export function provideFileThreads(env: NodeJS.ProcessEnv = process.env): string {
  if (!env.UV_THREADPOOL_SIZE) env.UV_THREADPOOL_SIZE = String(FILE_THREADS);
  return env.UV_THREADPOOL_SIZE;
}

provideFileThreads();
