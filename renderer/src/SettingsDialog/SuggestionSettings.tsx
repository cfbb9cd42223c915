import { useEffect, useState } from 'react';
import type { SuggestSettings } from '../../../annotations/suggest/recommender';
import { RECOMMENDERS } from '../state/recommender-names';
import { useSuggestions, useSuggestionsStore } from '../state/use-suggestions';
import { NO_KINDS, useWorkspace } from '../state/workspace-context';
import './suggestion-settings.css';

/**
 * The project's suggestion settings: which recommenders run, on which kinds,
 * and the score a suggestion needs to be proposed. Each change is saved at
 * once, for everyone working on the project.
 */
export function SuggestionSettings() {
  const suggestions = useSuggestionsStore();
  const settings = useSuggestions((s) => s.settings);
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);
  const [busy, setBusy] = useState(false);
  const [threshold, setThreshold] = useState<string | null>(null);
  useEffect(() => void suggestions.loadSettings(), [suggestions]);
  if (!settings)
    return (
      <section className="suggestion-settings" aria-labelledby="suggestion-settings-heading">
        <h3 id="suggestion-settings-heading">Suggestions</h3>
        <p className="hint">Reading the project’s suggestion settings…</p>
      </section>
    );
  const save = (patch: Partial<SuggestSettings>) => {
    setBusy(true);
    void suggestions.configure(patch).finally(() => setBusy(false));
  };
  const running = new Set(settings.recommenders);
  const allKinds = settings.kinds === null;
  const kindOn = (kind: string) => allKinds || settings.kinds!.includes(kind);
  const percent = threshold ?? String(Math.round(settings.minScore * 100));
  const saveThreshold = () => {
    const value = Number(percent);
    setThreshold(null);
    if (percent.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 100)
      if (value / 100 !== settings.minScore) save({ minScore: value / 100 });
  };
  return (
    <section className="suggestion-settings" aria-labelledby="suggestion-settings-heading">
      <h3 id="suggestion-settings-heading">Suggestions</h3>
      <p className="hint">
        Proposed spans drawn as ghosts in the text: Enter or a click accepts one, Backspace rejects it, Shift+Enter
        accepts every suggestion of its kind in the article. Saved for the whole project.
      </p>
      <fieldset>
        <legend>Recommenders that run</legend>
        {RECOMMENDERS.map(({ id, name, what }) => (
          <label key={id} className="check">
            <input
              type="checkbox"
              checked={running.has(id)}
              disabled={busy}
              onChange={(e) =>
                save({
                  recommenders: RECOMMENDERS.map((r) => r.id).filter((r) =>
                    r === id ? e.target.checked : running.has(r),
                  ),
                })
              }
            />
            <span>
              {name} <span className="meta">— {what}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Kinds suggested</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={allKinds}
            disabled={busy}
            onChange={(e) => save({ kinds: e.target.checked ? null : kinds.map((k) => k.kind) })}
          />
          <span>Every kind of the tagset</span>
        </label>
        <div className="suggestion-kinds">
          {kinds.map((k) => (
            <label key={k.kind} className="check">
              <input
                type="checkbox"
                checked={kindOn(k.kind)}
                disabled={busy}
                onChange={(e) => {
                  const now = kinds.map((x) => x.kind).filter((x) => (x === k.kind ? e.target.checked : kindOn(x)));
                  save({ kinds: now.length === kinds.length ? null : now });
                }}
              />
              <span>{k.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field suggestion-threshold">
        <span>Lowest score proposed (%)</span>
        <input
          type="number"
          min={0}
          max={100}
          step={5}
          value={percent}
          disabled={busy}
          onChange={(e) => setThreshold(e.target.value)}
          onBlur={saveThreshold}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            saveThreshold();
          }}
        />
      </label>
    </section>
  );
}
