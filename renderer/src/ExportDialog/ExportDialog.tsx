import { useState } from 'react';
import type { ExportFormat } from '../../../annotations/formats/export-formats';
import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS } from '../../../annotations/formats/export-formats';
import { NO_KINDS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/** Chooses a format and what to include (articles, kinds, annotators); the file is saved where the user says. */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const store = useWorkspaceStore();
  const articles = useWorkspace((s) => s.articles);
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [onlyOpen, setOnlyOpen] = useState(false);
  const openId = useWorkspace((s) => s.article?.id);
  const [chosenKinds, setChosenKinds] = useState<string[]>([]);
  const [annotators, setAnnotators] = useState('');
  const [busy, setBusy] = useState(false);
  const [chosenArticles, setChosenArticles] = useState<string[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  const run = async () => {
    setBusy(true);
    const names = annotators
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const saved = await store.exportData(
      {
        format,
        ...(onlyOpen && openId
          ? { articleIds: [openId] }
          : chosenArticles.length > 0
            ? { articleIds: chosenArticles }
            : {}),
        ...(chosenKinds.length > 0 ? { kinds: chosenKinds } : {}),
        ...(names.length > 0 ? { annotators: names } : {}),
      },
      (done, total) => setProgress({ done, total }),
    );
    setBusy(false);
    setProgress(null);
    if (saved) onClose();
  };

  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className="overlay-card export-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Export"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Export</h2>
        <label className="field">
          <span>Format</span>
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {EXPORT_FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <label className="field checkbox">
          <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
          <span>Only the open article (else all {articles.length})</span>
        </label>
        {!onlyOpen && (
          <label className="field">
            <span>Articles (none selected: all)</span>
            <select
              multiple
              size={Math.min(6, articles.length)}
              value={chosenArticles}
              onChange={(e) => setChosenArticles(Array.from(e.target.selectedOptions, (o) => o.value))}
            >
              {articles.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <fieldset className="field">
          <legend>Kinds (none checked: all)</legend>
          <div className="kind-choices">
            {kinds.map((k) => (
              <label key={k.kind} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosenKinds.includes(k.kind)}
                  onChange={(e) =>
                    setChosenKinds(
                      e.target.checked ? [...chosenKinds, k.kind] : chosenKinds.filter((c) => c !== k.kind),
                    )
                  }
                />
                {k.label}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="field">
          <span>Annotators (comma-separated; empty: all)</span>
          <input type="text" value={annotators} onChange={(e) => setAnnotators(e.target.value)} />
        </label>
        {busy && progress && (
          <div
            className="progress"
            role="progressbar"
            aria-label="Export progress"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
          >
            <div style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }} />
            <span>
              reading article {progress.done} of {progress.total}
            </span>
          </div>
        )}
        <div className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
          <button type="button" disabled={busy} onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
