import { useSuggestions, useSuggestionsStore } from '../state/use-suggestions';

/**
 * The suggestions' own layer in the Layers panel: its ghosts shown or hidden
 * in the text, with how many are open. Offered once a recommender runs.
 */
export function SuggestionsLayer() {
  const suggestions = useSuggestionsStore();
  const shown = useSuggestions((s) => s.shown);
  const count = useSuggestions((s) => s.suggestions.length);
  const running = useSuggestions((s) => (s.settings?.recommenders.length ?? 0) > 0);
  if (!running) return null;
  return (
    // Apart from the list of layers: suggestions are nobody's annotations.
    <div className="suggestions-layer">
      <label className="check">
        <input type="checkbox" checked={shown} onChange={(e) => suggestions.setShown(e.target.checked)} />
        <span className="layer-swatch layer-suggested" aria-hidden="true" />
        <span>Suggestions</span>
        <span className="meta">{count}</span>
      </label>
    </div>
  );
}
