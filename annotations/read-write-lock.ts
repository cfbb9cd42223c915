/**
 * Many readers or one writer, in arrival order: a writer waits for the
 * readers before it, and readers that come after a waiting writer wait for it.
 * So a change never interleaves with another change, nor with a read that
 * could see half of it.
 */
export interface ReadWriteLock {
  read<T>(task: () => Promise<T>): Promise<T>;
  write<T>(task: () => Promise<T>): Promise<T>;
}

interface Waiter {
  exclusive: boolean;
  start: () => void;
}

export function createReadWriteLock(): ReadWriteLock {
  const waiting: Waiter[] = [];
  let readers = 0;
  let writing = false;

  function pump(): void {
    while (waiting.length > 0 && !writing) {
      const next = waiting[0]!;
      if (next.exclusive && readers > 0) return;
      waiting.shift();
      if (next.exclusive) writing = true;
      else readers++;
      next.start();
    }
  }

  function run<T>(exclusive: boolean, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      waiting.push({
        exclusive,
        start: () => {
          const release = () => {
            if (exclusive) writing = false;
            else readers--;
            pump();
          };
          Promise.resolve()
            .then(task)
            .then(
              (value) => {
                release();
                resolve(value);
              },
              (error: unknown) => {
                release();
                reject(error as Error);
              },
            );
        },
      });
      pump();
    });
  }

  return { read: (task) => run(false, task), write: (task) => run(true, task) };
}
