import type { WebApp } from './web-fixture';

/** One operation through the web mode's HTTP contract, as the page (or a colleague's app) sends it. */
export async function callApi<T>(app: WebApp | string, name: string, args: unknown = {}): Promise<T> {
  const base = typeof app === 'string' ? app : app.url;
  const response = await fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const envelope = (await response.json()) as { ok: boolean; result?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message}`);
  return envelope.result as T;
}
