import { useEffect, useMemo, useState } from 'react';
import type { ArticleAgreement } from '../../../annotations/agreement/figure-types';
import type { ReviewProgressRow } from '../../../annotations/contract';
import { LeftOutLine } from '../LeftOutLine/LeftOutLine';
import { leftOutOf } from '../state/left-out';
import { NO_KINDS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { Chart } from './Chart';
import { AgreementTables } from './AgreementTables';
import { MeasuringProgress } from './MeasuringProgress';
import { ProgressTable } from './ProgressTable';
import { dashboardHeading } from './dashboard-heading';
import { SuggestionsPanel } from './SuggestionsPanel';
import { useAgreementReport } from './use-agreement-report';
import { anyAssignment } from './assignment-progress';
import { distributionChart, pairHeatmap, perLabelChart, progressChart } from './chart-options';
import { attributesCsv, distributionCsv, labelsCsv, pairsCsv, progressCsv } from './dashboard-csv';
import { ArticleCombobox } from '../ArticlePicker/ArticleCombobox';
import './dashboard.css';

/** The choice of figures pooled over every article, offered above the articles. */
const CORPUS = { id: 'corpus', title: 'the whole corpus (pooled)' };

/** Adjudication rows drawn at first, and added by each "Show more": a store of 100,000 articles stays a page. */
const ADJUDICATION_ROWS = 500;

/** Agreement and progress over the corpus, as pictures first and figures second; every part saves as CSV, PNG or SVG. */
export function Dashboard() {
  const store = useWorkspaceStore();
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);
  // Any edit, undo or redo (a done mark, an assignment) moves a step between the stacks: read the figures again.
  const undoStack = useWorkspace((s) => s.undoStack);
  const redoStack = useWorkspace((s) => s.redoStack);
  /** The layers measured; null: the core's default (every layer with annotations but gold). */
  const [measured, setMeasured] = useState<string[] | null>(null);
  const { data, measuring, stopped, cancel, again } = useAgreementReport(store, measured, [undoStack, redoStack]);
  const [adjudication, setAdjudication] = useState<ReviewProgressRow[]>([]);
  const [adjudicationShown, setAdjudicationShown] = useState(ADJUDICATION_ROWS);
  useEffect(() => {
    let live = true;
    void store.query('review/progress', {}).then((rows) => live && rows && setAdjudication(rows));
    return () => {
      live = false;
    };
  }, [store, undoStack, redoStack]);
  const labels = useMemo(() => kinds.map((k) => ({ kind: k.kind, label: k.label, color: k.color })), [kinds]);
  const distribution = useMemo(() => data && distributionChart(data, labels), [data, labels]);
  const progress = useMemo(() => data && progressChart(data), [data]);
  // The article is found by typing part of its title: the server answers, the whole list is never asked for.
  const [scope, setScope] = useState('corpus');
  const [scopeTitle, setScopeTitle] = useState(CORPUS.title);
  const [mode, setMode] = useState<'strict' | 'lenient'>('strict');
  // One article's figures are asked for when it is chosen: the report carries the corpus's only.
  const [article, setArticle] = useState<ArticleAgreement | null>(null);
  const measuredNow = data?.agreement.annotators;
  useEffect(() => {
    if (scope === 'corpus' || !measuredNow || measuredNow.length === 0) return;
    let live = true;
    void store
      .query('agreement/article', { articleId: scope, annotators: measuredNow })
      .then((result) => live && setArticle(result));
    return () => {
      live = false;
    };
  }, [store, scope, measuredNow]);
  const figures = data ? (scope === 'corpus' ? data.agreement.corpus : article?.id === scope ? article : null) : null;
  const heatmap = useMemo(
    () => data && figures && pairHeatmap(data.agreement.annotators, figures, mode),
    [data, figures, mode],
  );
  const perLabel = useMemo(() => figures && perLabelChart(figures, labels), [figures, labels]);
  const labelName = (kind: string) => labels.find((l) => l.kind === kind)?.label ?? kind;
  const suffix = scope === 'corpus' ? 'corpus' : scope;

  const progressLine = measuring ? (
    <MeasuringProgress measuring={measuring} onCancel={cancel} />
  ) : stopped ? (
    <p className="hint">
      {data ? 'Measuring stopped: these figures are from before. ' : 'Measuring stopped. '}
      <button type="button" onClick={again}>
        Measure again
      </button>
    </p>
  ) : null;
  if (!data)
    return (
      <section className="dashboard" aria-label="Agreement dashboard" aria-busy={measuring !== null}>
        <p className="record-kind">Agreement and progress</p>
        {progressLine}
      </section>
    );
  return (
    <section className="dashboard" aria-label="Agreement dashboard" aria-busy={measuring !== null}>
      {progressLine}
      <header>
        <p className="record-kind">Agreement and progress</p>
        <h1>{dashboardHeading(data.articleCount, data.annotators.length)}</h1>
        <LeftOutLine leftOut={data.leftOut} />
      </header>
      <h2>Agreement</h2>
      <div className="dashboard-controls">
        <ArticleCombobox
          id="dashboard-scope"
          label="Measured on"
          shown={scopeTitle}
          fixed={[CORPUS]}
          onPick={(choice) => {
            setScope(choice.id);
            setScopeTitle(choice.title);
          }}
        />
        <fieldset className="field measured-layers">
          <legend>Layers measured</legend>
          <div className="measured-list">
            {data.annotators.map((name) => (
              <label key={name} className="check">
                <input
                  type="checkbox"
                  checked={(measured ?? data.agreement.annotators).includes(name)}
                  onChange={(e) => {
                    const now = measured ?? data.agreement.annotators;
                    setMeasured(e.target.checked ? [...now, name] : now.filter((n) => n !== name));
                  }}
                />
                <span>{name}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="field">
          <span>Span match</span>
          <select value={mode} onChange={(e) => setMode(e.target.value as 'strict' | 'lenient')}>
            <option value="strict">strict: same offsets and label</option>
            <option value="lenient">lenient: overlapping, same label</option>
          </select>
        </label>
      </div>
      {data.agreement.annotators.length < 2 ? (
        <p className="hint">Agreement needs two layers: import a colleague’s bundle.</p>
      ) : (
        figures && (
          <>
            <div className="dashboard-grid">
              {heatmap && (
                <Chart
                  title={`Span F1 between annotators (${mode})`}
                  fileName={`pairwise-f1-${mode}-${suffix}`}
                  option={heatmap}
                  height={200 + 40 * data.agreement.annotators.length}
                  csv={() => pairsCsv(figures)}
                />
              )}
              {perLabel && (
                <Chart
                  title="Agreement per label"
                  fileName={`agreement-per-label-${suffix}`}
                  option={perLabel}
                  csv={() => labelsCsv(figures)}
                />
              )}
            </div>
            <AgreementTables figures={figures} labelName={labelName} />
            <button
              type="button"
              className="plain"
              onClick={() =>
                void store.saveFile({
                  fileName: `attribute-agreement-${suffix}.csv`,
                  mediaType: 'text/csv',
                  content: attributesCsv(figures),
                  encoding: 'utf8',
                })
              }
            >
              Attribute agreement as CSV
            </button>
          </>
        )
      )}
      <h2>Labels and progress</h2>
      <div className="dashboard-grid">
        {distribution && (
          <Chart
            title="Labels per annotator"
            fileName="label-distribution"
            option={distribution}
            csv={() => distributionCsv(data)}
          />
        )}
        {progress && (
          <Chart
            title="Progress per annotator"
            fileName="progress"
            option={progress}
            height={Math.max(240, 72 + data.progress.length * (anyAssignment(data.progress) ? 64 : 36))}
            csv={() => progressCsv(data)}
          />
        )}
      </div>
      <ProgressTable rows={data.progress} articleCount={data.articleCount} />
      <SuggestionsPanel layers={data.annotators} />
      <h2>Adjudication</h2>
      <LeftOutLine leftOut={leftOutOf(adjudication)} />
      <table className="figures" aria-label="Adjudication progress">
        <thead>
          <tr>
            <th>Article</th>
            <th>Layers</th>
            <th>Done by</th>
            <th>Differences decided</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {adjudication.slice(0, adjudicationShown).map((row) => (
            <tr key={row.articleId}>
              <td>
                <button type="button" className="plain" onClick={() => void store.openArticle(row.articleId)}>
                  {row.title}
                </button>
              </td>
              <td>{row.layers.join(', ') || '—'}</td>
              <td>{row.done.join(', ') || '—'}</td>
              <td className="number">{row.layers.length >= 2 ? `${row.decided} / ${row.differences}` : '—'}</td>
              <td title={row.problem && `${row.problem.file}: ${row.problem.reason}`}>
                {row.problem
                  ? 'damaged: cannot be read'
                  : row.adjudicated
                    ? 'adjudicated'
                    : row.layers.length >= 2
                      ? 'open'
                      : row.layers.length === 1
                        ? 'one layer'
                        : 'no layers'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {adjudication.length > adjudicationShown && (
        <p className="hint">
          {adjudicationShown.toLocaleString('en')} of {adjudication.length.toLocaleString('en')} articles shown.{' '}
          <button type="button" onClick={() => setAdjudicationShown((n) => n + ADJUDICATION_ROWS)}>
            Show {Math.min(ADJUDICATION_ROWS, adjudication.length - adjudicationShown).toLocaleString('en')} more
          </button>
        </p>
      )}
    </section>
  );
}
