import type { Args, Results } from '../../../annotations/contract';
import type { OperationName } from '../../../annotations/operation-names';
import type { FactmarkClient } from './factmark-client';

/** One request sent before the app's code has loaded. */
export type EarlyRequest = { [K in OperationName]: { name: K; args: Args<K> } }[OperationName];

/**
 * The article list's first window: its first row is the article opened when
 * the address names none (or one no longer there), and the list shows it.
 */
export const FIRST_ARTICLE: Args<'articles/page'> = { offset: 0, limit: 100 };

/**
 * What the first paint needs, which the workspace store asks for first (see
 * `init`): the article in the address with its layer, and the store's status
 * (the tagset's colours), else the store's first article. Not the registries,
 * which the first paint does not show: they are asked for when the app starts,
 * and meanwhile the server answers only what the article waits for. Not the
 * whole article list: on a large store it is tens of megabytes, which the
 * server would serialise while the article waits; it is asked for once the
 * article is shown.
 */
export function firstPaintRequests(articleId: string | undefined): EarlyRequest[] {
  const article: EarlyRequest[] = articleId
    ? [
        { name: 'articles/get', args: { articleId } },
        { name: 'annotations/list', args: { articleId } },
      ]
    : [];
  return [
    ...article,
    { name: 'store/status', args: {} },
    ...(articleId ? [] : [{ name: 'articles/page', args: FIRST_ARTICLE } as const]),
  ];
}

const keyOf = (name: string, args: unknown) => `${name} ${JSON.stringify(args)}`;

/** A client whose early answers can also be looked at without being taken (see `peek`). */
export interface PrefetchingClient extends FactmarkClient {
  /**
   * The answer to one of the early requests, whether the app took it yet or not, until the prefetch
   * ends; undefined for a request not sent early. For the first paint, which shows what the app will
   * show when it takes them.
   */
  peek<K extends OperationName>(name: K, args: Args<K>): Promise<Results[K]> | undefined;
}

/**
 * A client that sends `requests` at once, while the rest of the app is still
 * loading. The app's first sends of the same operations with the same
 * arguments get those answers, each once. The first send it holds no answer
 * for ends the prefetch and drops what is left: from then on the app may have
 * changed something, and an answer older than its own actions is never shown.
 */
export function createPrefetchingClient(client: FactmarkClient, requests: readonly EarlyRequest[]): PrefetchingClient {
  const early = new Map<string, Promise<unknown>>();
  for (const { name, args } of requests) {
    const answer = client.send(name, args as never);
    // A failure is for the app to see when it takes the answer; one never taken is not an unhandled rejection.
    answer.catch(() => undefined);
    early.set(keyOf(name, args), answer);
  }
  const sent = new Map(early);
  return {
    peek: <K extends OperationName>(name: K, args: Args<K>) =>
      sent.get(keyOf(name, args)) as Promise<Results[K]> | undefined,
    transport: client.transport,
    send<K extends OperationName>(name: K, args: Args<K>): Promise<Results[K]> {
      const key = keyOf(name, args);
      const answer = early.get(key);
      if (answer) {
        early.delete(key);
        return answer as Promise<Results[K]>;
      }
      early.clear();
      // Nor are they looked at any more: the answers (a long article, its layer) are not kept for the session.
      sent.clear();
      return client.send(name, args);
    },
    saveFile: (file) => client.saveFile(file),
    onCommand: (listener) => client.onCommand(listener),
  };
}
