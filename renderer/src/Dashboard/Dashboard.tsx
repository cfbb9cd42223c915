import { useEffect, useMemo, useState } from 'react';
import type { AgreementDashboard, ReviewProgressRow } from '../../../annotations/contract';
import { NO_KINDS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { Chart } from './Chart';
import { distributionChart, progressChart } from './chart-options';
import { distributionCsv, progressCsv } from './dashboard-csv';
import './dashboard.css';

/** Agreement and progress over the corpus, as pictures first and figures second; every part saves as CSV, PNG or SVG. */
export function Dashboard() {
  const store = useWorkspaceStore();
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);
  const layerVersion = useWorkspace((s) => s.undoStack.length + s.redoStack.length);
  const [data, setData] = useState<AgreementDashboard | null>(null);
  const [adjudication, setAdjudication] = useState<ReviewProgressRow[]>([]);
  useEffect(() => {
    let live = true;
    void store.query('agreement/report', {}).then((result) => live && setData(result));
    void store.query('review/progress', {}).then((rows) => live && rows && setAdjudication(rows));
    return () => {
      live = false;
    };
  }, [store, layerVersion]);
  const labels = useMemo(() => kinds.map((k) => ({ kind: k.kind, label: k.label, color: k.color })), [kinds]);
  const distribution = useMemo(() => data && distributionChart(data, labels), [data, labels]);
  const progress = useMemo(() => data && progressChart(data), [data]);

  if (!data) return <section className="dashboard" aria-label="Agreement dashboard" aria-busy="true" />;
  return (
    <section className="dashboard" aria-label="Agreement dashboard">
      <header>
        <p className="record-kind">Agreement and progress</p>
        <h1>
          {data.articleCount} articles · {data.annotators.length} layers
        </h1>
      </header>
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
            height={240}
            csv={() => progressCsv(data)}
          />
        )}
      </div>
      <h2>Adjudication</h2>
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
          {adjudication.map((row) => (
            <tr key={row.articleId}>
              <td>
                <button type="button" className="plain" onClick={() => void store.openArticle(row.articleId)}>
                  {row.title}
                </button>
              </td>
              <td>{row.layers.join(', ') || '—'}</td>
              <td>{row.done.join(', ') || '—'}</td>
              <td className="number">{row.layers.length >= 2 ? `${row.decided} / ${row.differences}` : '—'}</td>
              <td>{row.adjudicated ? 'adjudicated' : row.layers.length >= 2 ? 'open' : 'one layer'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
