import { useRef, useState } from 'react';
import type { FileReport } from '../../../annotations/imports/article-import';
import { describeLayer, summaryOf, sumCounts } from '../../../annotations/imports/import-report';
import { useWorkspaceStore } from '../state/workspace-context';
import type { ImportFormat } from './import-files';
import { guessFormat, importInBatches } from './import-files';

const FORMATS: [ImportFormat, string][] = [
  ['articles', 'Articles (.txt, .md, .html, .jsonl)'],
  ['bundle', 'Factmark bundle'],
  ['brat', 'brat standoff (.txt + .ann)'],
  ['label-studio', 'Label Studio JSON tasks'],
  ['doccano', 'doccano JSONL'],
  ['w3c', 'W3C Web Annotation (+ texts)'],
];

/** Imports dropped or chosen files with progress, a cancel button and a report per file. */
export function ImportDialog({ initialFiles, onClose }: { initialFiles: File[]; onClose: () => void }) {
  const store = useWorkspaceStore();
  const [files, setFiles] = useState<File[]>(initialFiles);
  const [format, setFormat] = useState<ImportFormat>(guessFormat(initialFiles));
  const [annotator, setAnnotator] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [reports, setReports] = useState<FileReport[] | null>(null);
  const cancel = useRef(false);

  const choose = (list: FileList | null) => {
    const chosen = Array.from(list ?? []);
    setFiles(chosen);
    setFormat(guessFormat(chosen));
    setReports(null);
  };
  const run = async () => {
    cancel.current = false;
    const result = await importInBatches(
      store,
      format,
      files,
      annotator.trim() || undefined,
      (done, total) => setProgress({ done, total }),
      () => cancel.current,
    );
    setReports(result);
    setProgress(null);
  };

  return (
    <div className="overlay" role="presentation">
      <div className="overlay-card import-dialog" role="dialog" aria-modal="true" aria-label="Import">
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
          <select value={format} onChange={(e) => setFormat(e.target.value as ImportFormat)}>
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
        {progress && (
          <div
            className="progress"
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
          >
            <div style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }} />
            <span>
              {progress.done} / {progress.total}
            </span>
          </div>
        )}
        {reports && reports.length > 1 && (
          <p className="meta">In all: {summaryOf({ added: sumCounts(reports.map((r) => r.added)), duplicates: 0 })}</p>
        )}
        {reports && (
          <ul className="import-report" aria-label="Import report">
            {reports.map((r, i) => (
              <li key={`${i}:${r.file}`} className={r.skipped.length > 0 ? 'problem' : ''}>
                <strong>{r.file}</strong>: {summaryOf(r)}
                {(r.layers ?? []).map((layer) => (
                  <div key={layer.annotator} className="meta">
                    {describeLayer(layer)}
                  </div>
                ))}
                {r.skipped.map((s, j) => (
                  <div key={j} className="meta">
                    skipped: {s}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        )}
        <div className="row">
          {progress ? (
            <button type="button" onClick={() => (cancel.current = true)}>
              Cancel
            </button>
          ) : (
            <button type="button" className="primary" disabled={files.length === 0} onClick={() => void run()}>
              Import
            </button>
          )}
          <button type="button" disabled={progress !== null} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
