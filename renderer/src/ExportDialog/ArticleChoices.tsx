import { ArticleCombobox } from '../ArticlePicker/ArticleCombobox';
import type { PickerChoice } from '../ArticlePicker/ArticleCombobox';

/**
 * The articles an export holds when the user names some: each found by
 * typing part of its title (the server answers, whatever the store's size),
 * listed below with a button to drop it. None chosen: every article.
 */
export function ArticleChoices({
  chosen,
  onChange,
}: {
  chosen: readonly PickerChoice[];
  onChange: (chosen: PickerChoice[]) => void;
}) {
  const ids = new Set(chosen.map((c) => c.id));
  return (
    <div className="article-choices">
      <ArticleCombobox
        id="export-articles"
        label="Articles (none chosen: all)"
        shown=""
        placeholder="Type part of a title to add an article"
        chosen={ids}
        inline
        onPick={(picked) =>
          onChange(ids.has(picked.id) ? chosen.filter((c) => c.id !== picked.id) : [...chosen, picked])
        }
      />
      {chosen.length > 0 && (
        <ul className="chosen-articles" aria-label="Articles chosen">
          {chosen.map((c) => (
            <li key={c.id}>
              <span className="option-title">{c.title}</span>
              <button
                type="button"
                className="plain"
                aria-label={`Remove “${c.title}”`}
                onClick={() => onChange(chosen.filter((other) => other.id !== c.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
