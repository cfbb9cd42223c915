import type { LeftOut } from '../../../annotations/contract';
import { leftOutReasons, leftOutText } from '../state/left-out';

/**
 * One short line under a corpus-wide result that could not read every
 * article: which it left out, each file and reason on hover. Nothing when
 * none was left out.
 */
export function LeftOutLine({ leftOut }: { leftOut: readonly LeftOut[] | undefined }) {
  if (!leftOut || leftOut.length === 0) return null;
  return (
    <p className="left-out" role="status" title={leftOutReasons(leftOut)}>
      <span aria-hidden="true">⚠ </span>
      {leftOutText(leftOut)}
    </p>
  );
}
