import { useEffect, useState } from 'react';
import Markdown from 'react-markdown';
import { useWorkspaceStore } from '../state/workspace-context';

/** The project's annotation guidelines: Markdown, shown rendered (never as raw HTML) and editable. */
export function GuidelinesPanel() {
  const store = useWorkspaceStore();
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [draft, setDraft] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void store.query('guidelines/get', {}).then((result) => live && result && setMarkdown(result.markdown));
    return () => {
      live = false;
    };
  }, [store]);

  const save = async () => {
    if (draft === null) return;
    const result = await store.mutate('guidelines/update', { markdown: draft });
    if (result) {
      setMarkdown(result.markdown);
      setDraft(null);
    }
  };

  return (
    <section className="page guidelines" aria-label="Guidelines">
      <div className="page-actions">
        <button type="button" onClick={() => store.navigate({ name: 'article' })}>
          Back to the article
        </button>
        {draft === null ? (
          <button type="button" disabled={markdown === null} onClick={() => setDraft(markdown ?? '')}>
            Edit
          </button>
        ) : (
          <>
            <button type="button" className="primary" onClick={() => void save()}>
              Save
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </>
        )}
      </div>
      {draft === null ? (
        <article className="markdown">
          {markdown === null ? <p className="hint">Loading…</p> : <Markdown>{markdown}</Markdown>}
        </article>
      ) : (
        <label className="field">
          <span>Guidelines (Markdown)</span>
          <textarea className="markdown-source" value={draft} onChange={(e) => setDraft(e.target.value)} rows={30} />
        </label>
      )}
    </section>
  );
}
