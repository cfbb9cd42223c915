/** What this module uses of Node's `node:crypto`, where there is one. */
interface NodeHashing {
  createHash(algorithm: 'sha256'): {
    update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string };
  };
}

/**
 * Node's own hashing, when this runs in Node (the store, the command line, the
 * desktop app's main process). Web Crypto's digest is asynchronous: in Node
 * each call is sent to the thread pool the file writes share, so an import of
 * ten thousand articles waited on ten thousand round trips behind its own
 * writes. Node's is synchronous and ~20 times faster on an article.
 */
const nodeHashing = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeHashing | undefined;

/** `sha256:` and the hex SHA-256 of the text's UTF-8 bytes; the same in Node and in a browser. */
export async function contentHash(text: string): Promise<string> {
  if (nodeHashing) return `sha256:${nodeHashing.createHash('sha256').update(text, 'utf8').digest('hex')}`;
  return webContentHash(text);
}

/** The hash by Web Crypto, as a browser computes it (a lone surrogate is hashed as U+FFFD, as Node does). */
export async function webContentHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return `sha256:${hex}`;
}
