import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgreementDashboard } from '../../../annotations/contract';
import type { WorkspaceStore } from '../state/workspace-store';

/** A report under way: its job, and how far it has got (layers read, then articles measured). */
export interface Measuring {
  jobId: string;
  done: number;
  total: number;
}

/**
 * The agreement report, asked again whenever `key` changes (the layers
 * measured, an edit): the last figures stay on show while the next are
 * measured; `measuring` follows the report's progress, `cancel` stops it
 * (and a report no longer wanted stops by itself), `again` measures anew.
 */
export function useAgreementReport(store: WorkspaceStore, measured: string[] | null, key: readonly unknown[]) {
  const [data, setData] = useState<AgreementDashboard | null>(null);
  const [measuring, setMeasuring] = useState<Measuring | null>(null);
  const [stopped, setStopped] = useState(false);
  const [attempt, setAttempt] = useState(0);
  /** Stops waiting for the report under way (its figures are dropped) and tells the server to stop it. */
  const abandon = useRef<(() => void) | null>(null);
  useEffect(() => {
    let live = true;
    let finished = false;
    const jobId = crypto.randomUUID();
    const tick = () =>
      void store.query('jobs/progress', { jobId }).then((p) => {
        if (!live || finished) return;
        setStopped(false);
        setMeasuring({ jobId, done: p?.done ?? 0, total: p?.total ?? 0 });
      });
    tick();
    const poll = setInterval(tick, 200);
    const args = measured && measured.length > 0 ? { annotators: measured, jobId } : { jobId };
    void store.query('agreement/report', args).then((result) => {
      finished = true;
      clearInterval(poll);
      if (!live) return;
      setMeasuring(null);
      // Null: stopped (or failed, which the notice line says).
      if (result) setData(result);
      setStopped(!result);
    });
    const stop = () => {
      if (!live) return;
      live = false;
      clearInterval(poll);
      if (!finished) void store.query('jobs/cancel', { jobId });
    };
    abandon.current = stop;
    // Figures nobody will see (other layers chosen, the page left): the server stops measuring them.
    return stop;
    // `key` lists what the report reads: a change of any of them measures again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, measured, attempt, ...key]);
  const cancel = useCallback(() => {
    abandon.current?.();
    setMeasuring(null);
    setStopped(true);
  }, []);
  const again = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, measuring, stopped, cancel, again };
}
