import { useEffect, useState } from 'react';
import type { FileReport } from '../../../annotations/imports/article-import';
import type { LabelUse } from '../../../annotations/imports/label-mapping';
import { combineLabelUses } from '../../../annotations/imports/label-uses';
import type { WorkspaceStore } from '../state/workspace-store';
import type { ImportFormat } from './import-files';
import { hasLabels, importInBatches } from './import-files';

/** What the label check found for one choice of files and format. */
export interface LabelCheck {
  files: readonly File[];
  format: ImportFormat;
  /** Every foreign label the files use, counted; empty when the check was stopped or failed. */
  uses: LabelUse[];
  /** Each file's dry-run report: what it would import, or why not. */
  reports: FileReport[];
  /** Stopped (Cancel) or failed before every file was read. */
  incomplete: boolean;
}

/**
 * Once files of a format with labels are chosen, a dry run reads them all
 * and counts every foreign label. It lets the tagset grow, so that no file
 * stops at its first unknown label and every label is counted; nothing is
 * saved. A check for files no longer chosen is dropped.
 */
export function useLabelCheck(
  store: WorkspaceStore,
  files: readonly File[],
  format: ImportFormat,
  attempt: number,
  onProgress: (progress: { done: number; total: number } | null) => void,
  stopped: () => boolean,
): LabelCheck | null {
  const [check, setCheck] = useState<LabelCheck | null>(null);
  useEffect(() => {
    if (!hasLabels(format) || files.length === 0) return;
    let stale = false;
    const report = (progress: { done: number; total: number } | null) => {
      if (!stale) onProgress(progress);
    };
    void importInBatches(
      store,
      format,
      files,
      { dryRun: true, labels: { extendTagset: true } },
      (done, total) => report({ done, total }),
      () => stale || stopped(),
    ).then((reports) => {
      report(null);
      if (stale) return;
      const incomplete = reports === null || stopped();
      setCheck({
        files,
        format,
        uses: incomplete ? [] : combineLabelUses(reports),
        reports: reports ?? [],
        incomplete,
      });
    });
    return () => {
      stale = true;
    };
  }, [store, files, format, attempt, onProgress, stopped]);
  return check && check.files === files && check.format === format ? check : null;
}
