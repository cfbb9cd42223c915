/** A command line the CLI cannot run as given: it says why and exits 2. */
export class UsageError extends Error {}

/** Progress on the terminal, when there is one (never in a pipe or a log). */
export const progress = (label: string, done: number, total: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${label} ${done}/${total}${done === total ? '\n' : ''}`);
};
