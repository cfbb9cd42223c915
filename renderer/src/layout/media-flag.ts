/** A media query's match as a value React can subscribe to. */
export interface MediaFlag {
  get(): boolean;
  subscribe(listener: () => void): () => void;
}

/** The part of a MediaQueryList it needs; none means "never matches". */
export type MediaQuery = Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;

export function createMediaFlag(query: MediaQuery | null): MediaFlag {
  return {
    get: () => query?.matches ?? false,
    subscribe(listener) {
      query?.addEventListener('change', listener);
      return () => query?.removeEventListener('change', listener);
    },
  };
}
