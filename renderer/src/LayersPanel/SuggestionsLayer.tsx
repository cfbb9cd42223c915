import { useSuggestions, useSuggestionsStore } from '../state/use-suggestions';

/**
 * The suggestions' own layer in the Layers panel: its ghosts shown or hidden
 * in the text, with how many are open (once they have come). Offered while
 * a recommender runs, and until the project's settings are known.
 */
export function SuggestionsLayer() {
  const suggestions = useSuggestionsStore();
  const shown = useSuggestions((s) => s.shown);
  const count = useSuggestions((s) => s.suggestions.length);
  const known = useSuggestions((s) => s.settings !== null);
  const listed = useSuggestions((s) => s.listed);
  const running = useSuggestions((s) => (s.settings?.recommenders.length ?? 0) > 0);
  // Drawn until the settings say no recommender runs (read at once, apart from the list): the panels below
  // never move when the list comes.
  if (known && !running) return null;
  return (
    // Apart from the list of layers: suggestions are nobody's annotations.
    <div className="suggestions-layer">
      <label className="check">
        <input type="checkbox" checked={shown} onChange={(e) => suggestions.setShown(e.target.checked)} />
        <span className="layer-swatch layer-suggested" aria-hidden="true" />
        <span>Suggestions</span>
        <span className="meta">{listed ? count : ''}</span>
      </label>
    </div>
  );
}
