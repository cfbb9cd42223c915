import { useEffect, useState } from 'react';

/**
 * False until the window has painted its first frame with this component
 * mounted, then true: what the first frame does not need (the annotation
 * list, hundreds of rows) renders just after it, so the text shows sooner.
 */
export function useAfterFirstFrame(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (after) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The animation callback runs before the frame is painted; the task it queues, after.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setAfter(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [after]);
  return after;
}
