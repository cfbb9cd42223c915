import { useEffect, useState } from 'react';
import type { ReviewSummary } from '../../../annotations/contract';
import type { ExportFormat } from '../../../annotations/formats/export-formats';
import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS } from '../../../annotations/formats/export-formats';
import { DialogShell } from '../dialogs/DialogShell';
import { NO_KINDS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import type { ScopeChoice as Choice } from './scope-preview';
import { scopeOf, scopePreview } from './scope-preview';
import { ScopeChoice } from './ScopeChoice';
import type { PickerChoice } from '../ArticlePicker/ArticleCombobox';
import { ArticleChoices } from './ArticleChoices';
import './export-dialog.css';

/**
 * Chooses a format, whose annotations (an explicit choice: one layer, gold,
 * or every layer kept apart) and what to include (articles, kinds); says
 * beforehand what the scope will leave out; the file is saved where the user
 * says.
 */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const store = useWorkspaceStore();
  // How many "all" is: the count of a one-row window, not the list (on a large store it is megabytes).
  const listVersion = useWorkspace((s) => s.articlesVersion);
  const [articleCount, setArticleCount] = useState<number | null>(null);
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);
  const me = useWorkspace((s) => s.status?.annotator ?? '');
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [onlyOpen, setOnlyOpen] = useState(false);
  const openId = useWorkspace((s) => s.article?.id);
  const [chosenKinds, setChosenKinds] = useState<string[]>([]);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [other, setOther] = useState('');
  const [includeUnadjudicated, setIncludeUnadjudicated] = useState(false);
  // The server's counts of the chosen articles' review (for the "Left out" line), and which choice they count.
  const [counts, setCounts] = useState<{ of: string; summary: ReviewSummary } | null>(null);
  const [busy, setBusy] = useState(false);
  const [chosenArticles, setChosenArticles] = useState<PickerChoice[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number; phase?: 'reading' | 'writing' } | null>(null);

  useEffect(() => {
    let live = true;
    void store
      .query('articles/page', { offset: 0, limit: 1 })
      .then((page) => live && page && setArticleCount(page.total));
    return () => {
      live = false;
    };
  }, [store, listVersion]);

  // None chosen: no ids, and the server exports every article it holds.
  const articleIds = onlyOpen && openId ? [openId] : chosenArticles.length > 0 ? chosenArticles.map((c) => c.id) : null;
  const chosenKey = JSON.stringify(articleIds);
  // Counts, not a row per article: on a large store the rows are megabytes, and while they were
  // made and sent the server answered nothing else (the article picker's matches among them).
  useEffect(() => {
    let live = true;
    const ids = JSON.parse(chosenKey) as string[] | null;
    void store
      .query('review/summary', ids ? { articleIds: ids } : {})
      .then((summary) => live && summary && setCounts({ of: chosenKey, summary }));
    return () => {
      live = false;
    };
  }, [store, chosenKey]);
  const scope = scopeOf(choice, me, other, includeUnadjudicated);
  // Counts of an earlier choice say nothing of this one: no line until this one's come.
  const preview = scopePreview(scope, counts?.of === chosenKey ? counts.summary : null);

  const run = async () => {
    if (!scope) return;
    setBusy(true);
    const saved = await store.exportData(
      {
        format,
        scope,
        ...(articleIds ? { articleIds } : {}),
        ...(chosenKinds.length > 0 ? { kinds: chosenKinds } : {}),
      },
      (done, total, phase) => setProgress({ done, total, phase }),
    );
    setBusy(false);
    setProgress(null);
    if (saved) onClose();
  };

  // While the export runs, the dialog stays (its progress shows); Cancel is disabled then too.
  const close = () => {
    if (!busy) onClose();
  };

  return (
    <DialogShell label="Export" className="export-dialog" onClose={close} closeOnBackdrop={!busy}>
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
      <ScopeChoice
        me={me}
        choice={choice}
        onChoice={setChoice}
        others={(counts?.summary.annotators ?? []).filter((name) => name !== me)}
        other={other}
        onOther={setOther}
        includeUnadjudicated={includeUnadjudicated}
        onIncludeUnadjudicated={setIncludeUnadjudicated}
      />
      {preview && (
        <p className="hint" role="status" aria-label="Left out">
          {preview}
        </p>
      )}
      <label className="field checkbox">
        <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
        <span>Only the open article (else all{articleCount === null ? '' : ` ${articleCount}`})</span>
      </label>
      {!onlyOpen && <ArticleChoices chosen={chosenArticles} onChange={setChosenArticles} />}
      <fieldset className="field">
        <legend>Kinds (none checked: all)</legend>
        <div className="kind-choices">
          {kinds.map((k) => (
            <label key={k.kind} className="checkbox">
              <input
                type="checkbox"
                checked={chosenKinds.includes(k.kind)}
                onChange={(e) =>
                  setChosenKinds(e.target.checked ? [...chosenKinds, k.kind] : chosenKinds.filter((c) => c !== k.kind))
                }
              />
              {k.label}
            </label>
          ))}
        </div>
      </fieldset>
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
            {progress.phase === 'writing' ? 'writing' : 'reading'} article {progress.done} of {progress.total}
          </span>
        </div>
      )}
      {!scope && <p className="hint">Choose whose annotations to export.</p>}
      <div className="row">
        <button type="button" className="primary" disabled={busy || !scope} onClick={() => void run()}>
          {busy ? 'Exporting…' : 'Export'}
        </button>
        <button type="button" disabled={busy} onClick={onClose}>
          Cancel
        </button>
      </div>
    </DialogShell>
  );
}
