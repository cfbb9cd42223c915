import { useEffect, useState } from 'react';
import { GOLD } from '../../../annotations/constants';
import type { SuggestionEvaluation } from '../../../annotations/contract';
import { recommenderName, recommenderSource } from '../state/recommender-names';
import { useWorkspaceStore } from '../state/workspace-context';

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/**
 * How good each recommender's suggestions are: precision, recall and F1
 * against a layer chosen (gold by default), and how often annotators
 * accepted them. Measured when asked (and again when the layer changes):
 * it runs every recommender over the articles the layer annotated, which on
 * a large store is work the dashboard should not do on every visit.
 */
export function SuggestionsPanel({ layers }: { layers: readonly string[] }) {
  const store = useWorkspaceStore();
  const [reference, setReference] = useState(layers.includes(GOLD) ? GOLD : (layers[0] ?? GOLD));
  /** How many times the user asked for the figures (none yet: nothing is measured). */
  const [round, setRound] = useState(0);
  /** The figures and the question (layer and round) they answer: while they answer another, it is being measured. */
  const [answer, setAnswer] = useState<{ asked: string; figures: SuggestionEvaluation | null } | null>(null);
  const asked = `${round}|${reference}`;
  useEffect(() => {
    if (round === 0) return;
    let live = true;
    void store.query('suggestions/evaluate', { reference }).then((figures) => {
      if (live)
        setAnswer((before) => ({ asked: `${round}|${reference}`, figures: figures ?? before?.figures ?? null }));
    });
    return () => {
      live = false;
    };
  }, [store, reference, round]);
  const measuring = round > 0 && answer?.asked !== asked;
  const figures = answer?.figures ?? null;
  const choices = layers.includes(reference) ? layers : [reference, ...layers];
  return (
    <section className="suggestions-panel" aria-labelledby="suggestions-panel-heading" aria-busy={measuring}>
      <h2 id="suggestions-panel-heading">Suggestions</h2>
      <div className="dashboard-controls">
        <label className="field">
          <span>Measured against</span>
          <select value={reference} onChange={(e) => setReference(e.target.value)}>
            {choices.map((name) => (
              <option key={name} value={name}>
                {name === GOLD ? `${name} (adjudicated)` : name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={measuring} onClick={() => setRound((n) => n + 1)}>
          {round === 0 ? 'Measure the recommenders' : 'Measure them again'}
        </button>
      </div>
      {round === 0 && (
        <p className="hint">
          Runs every recommender over the articles the layer annotated, so it is measured when asked.
        </p>
      )}
      {measuring && <p className="hint">Measuring the recommenders…</p>}
      {figures && (
        <>
          <p className="hint">
            Against the layer {figures.reference}, over {figures.articles} article{figures.articles === 1 ? '' : 's'} it
            annotated. Acceptance counts every annotator’s accepts and rejects.
          </p>
          <table className="figures" aria-label="Suggestions per recommender">
            <thead>
              <tr>
                <th scope="col">Recommender</th>
                <th scope="col" className="number">
                  Suggested
                </th>
                <th scope="col" className="number">
                  Precision
                </th>
                <th scope="col" className="number">
                  Recall
                </th>
                <th scope="col" className="number">
                  F1
                </th>
                <th scope="col" className="number">
                  Accepted
                </th>
                <th scope="col" className="number">
                  Rejected
                </th>
                <th scope="col" className="number">
                  Acceptance rate
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.recommenders.map((r) => (
                <tr key={r.recommender}>
                  <th scope="row" title={`Suggestions from ${recommenderSource(r.recommender)}`}>
                    {recommenderName(r.recommender)}
                  </th>
                  <td className="number">{r.suggested}</td>
                  <td className="number" title={`${r.matched} of ${r.suggested} in the layer`}>
                    {percent(r.suggested === 0 ? null : r.precision)}
                  </td>
                  <td className="number" title={`${r.matched} of ${r.referenceSpans} spans of the layer`}>
                    {percent(r.referenceSpans === 0 ? null : r.recall)}
                  </td>
                  <td className="number">{percent(r.suggested + r.referenceSpans === 0 ? null : r.f1)}</td>
                  <td className="number">{r.accepted}</td>
                  <td className="number">{r.rejected}</td>
                  <td className="number">{percent(r.acceptanceRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
