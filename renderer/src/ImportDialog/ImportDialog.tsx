import { useCallback, useRef, useState } from 'react';
import type { FileReport } from '../../../annotations/imports/article-import';
import { DialogShell } from '../dialogs/DialogShell';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { FilesWithProblems, ImportReportList } from './ImportReportList';
import type { ImportFormat, ImportRun } from './import-files';
import { guessFormat, hasLabels, importInBatches } from './import-files';
import type { LabelChoice } from './label-choices';
import { labelOptions, labelRows, rowKey } from './label-choices';
import { LabelStep } from './LabelStep';
import { useLabelCheck } from './use-label-check';
import './import-dialog.css';

const FORMATS: [ImportFormat, string][] = [
  ['articles', 'Articles (.txt, .md, .html, .jsonl)'],
  ['bundle', 'Factmark bundle'],
  ['brat', 'brat standoff (.txt + .ann, annotation.conf)'],
  ['label-studio', 'Label Studio JSON tasks (+ config .xml)'],
  ['doccano', 'doccano JSONL'],
  ['w3c', 'W3C Web Annotation (+ texts)'],
];

type Busy = { what: 'check' | 'preview' | 'import'; done: number; total: number };
const BUSY_LABEL = { check: 'Reading the files’ labels', preview: 'Checking the import', import: 'Import progress' };

/**
 * Imports dropped or chosen files with progress, a cancel button and a
 * report per file. For another tool's annotations, a label step first says
 * what each of their labels becomes in the tagset.
 */
export function ImportDialog({ initialFiles, onClose }: { initialFiles: File[]; onClose: () => void }) {
  const store = useWorkspaceStore();
  const tagset = useWorkspace((s) => s.status?.tagset ?? null);
  const [files, setFiles] = useState<File[]>(initialFiles);
  const [format, setFormat] = useState<ImportFormat>(guessFormat(initialFiles));
  const [annotator, setAnnotator] = useState('');
  const [busy, setBusy] = useState<Busy | null>(null);
  const [chosen, setChosen] = useState<ReadonlyMap<string, LabelChoice>>(new Map());
  const [preview, setPreview] = useState<FileReport[] | null>(null);
  const [reports, setReports] = useState<FileReport[] | null>(null);
  const [attempt, setAttempt] = useState(0);
  const cancel = useRef(false);

  const checkProgress = useCallback(
    (p: { done: number; total: number } | null) => setBusy(p && { what: 'check', ...p }),
    [],
  );
  const stopped = useCallback(() => cancel.current, []);
  const check = useLabelCheck(store, files, format, attempt, checkProgress, stopped);
  const labelled = hasLabels(format) && files.length > 0;
  const rows = check && tagset ? labelRows(check.uses, tagset, chosen) : [];
  const checkFailed = check?.incomplete ?? false;

  const restart = () => {
    cancel.current = false;
    setPreview(null);
    setReports(null);
  };
  const choose = (list: FileList | null) => {
    const picked = Array.from(list ?? []);
    restart();
    setFiles(picked);
    setFormat(guessFormat(picked));
  };
  const changeFormat = (next: ImportFormat) => {
    restart();
    setFormat(next);
  };
  const checkAgain = () => {
    restart();
    setAttempt((n) => n + 1);
  };
  const send = async (what: 'preview' | 'import') => {
    cancel.current = false;
    const run: ImportRun = {
      annotator: annotator.trim() || undefined,
      ...(labelled ? { labels: labelOptions(rows) } : {}),
      dryRun: what === 'preview',
    };
    const result = await importInBatches(
      store,
      format,
      files,
      run,
      (done, total) => setBusy({ what, done, total }),
      () => cancel.current,
    );
    setBusy(null);
    if (what === 'preview') setPreview(result);
    else setReports(result);
  };
  // An import under way is not left behind: Close (and Esc) wait for it or for Cancel.
  const importing = busy !== null && busy.what === 'import';
  const close = () => {
    if (!importing) onClose();
  };
  const waiting = labelled && !reports && (!check || checkFailed);

  return (
    <DialogShell label="Import" className="import-dialog" onClose={close} closeOnBackdrop={false}>
      <h2>Import</h2>
      <label className="field">
        <span>Files</span>
        <input type="file" multiple aria-label="Files to import" onChange={(e) => choose(e.target.files)} />
      </label>
      <label className="field">
        <span>…or a whole folder</span>
        <input
          type="file"
          aria-label="Folder to import"
          {...{ webkitdirectory: '', directory: '' }}
          onChange={(e) => choose(e.target.files)}
        />
      </label>
      <p className="meta">
        {files.length} file(s) chosen
        {files.length > 0
          ? `: ${files
              .slice(0, 3)
              .map((f) => f.name)
              .join(', ')}${files.length > 3 ? '…' : ''}`
          : ''}
      </p>
      <label className="field">
        <span>Format</span>
        <select value={format} onChange={(e) => changeFormat(e.target.value as ImportFormat)}>
          {FORMATS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {format !== 'articles' && format !== 'bundle' && (
        <label className="field">
          <span>Into the layer of (annotator; empty: you)</span>
          <input type="text" value={annotator} onChange={(e) => setAnnotator(e.target.value)} />
        </label>
      )}
      {labelled && !reports && check && !checkFailed && tagset && rows.length > 0 && (
        <LabelStep
          rows={rows}
          tagset={tagset}
          onChange={(row, choice) => {
            setPreview(null);
            setChosen((before) => new Map(before).set(rowKey(row), choice));
          }}
        />
      )}
      {labelled && !reports && check && !checkFailed && rows.length === 0 && (
        <p className="meta">These files use no labels.</p>
      )}
      {labelled && !reports && checkFailed && !busy && (
        <p className="meta problem">
          The files’ labels were not all read, so the import waits.{' '}
          <button type="button" onClick={checkAgain}>
            Read the labels again
          </button>
        </p>
      )}
      {labelled && !reports && !preview && check && (
        <FilesWithProblems reports={check.reports.filter((r) => r.skipped.length > 0)} />
      )}
      {busy && (
        <div
          className="progress"
          role="progressbar"
          aria-label={BUSY_LABEL[busy.what]}
          aria-valuemin={0}
          aria-valuemax={busy.total}
          aria-valuenow={busy.done}
        >
          <div style={{ width: `${(100 * busy.done) / Math.max(1, busy.total)}%` }} />
          <span>
            {BUSY_LABEL[busy.what]}: {busy.done} / {busy.total}
          </span>
        </div>
      )}
      {preview && !reports && (
        <>
          <h3>What the import would do (nothing is saved yet)</h3>
          <ImportReportList reports={preview} dryRun />
        </>
      )}
      {reports && <ImportReportList reports={reports} />}
      <div className="row">
        {busy ? (
          <button type="button" onClick={() => (cancel.current = true)}>
            Cancel
          </button>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              disabled={files.length === 0 || waiting}
              onClick={() => void send('import')}
            >
              Import
            </button>
            {labelled && !reports && (
              <button type="button" disabled={waiting} onClick={() => void send('preview')}>
                Check with these choices
              </button>
            )}
          </>
        )}
        <button type="button" disabled={importing} onClick={close}>
          Close
        </button>
      </div>
    </DialogShell>
  );
}
