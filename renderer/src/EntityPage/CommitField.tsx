import { useState } from 'react';

/** A text input saved on blur or Enter, not per keystroke. */
export function CommitField({ label, value, onCommit, type = 'text', list }: { label: string; value: string; onCommit: (v: string) => void; type?: string; list?: string }) {
  const [draft, setDraft] = useState(value);
  const commit = () => draft !== value && onCommit(draft);
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        list={list}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}
