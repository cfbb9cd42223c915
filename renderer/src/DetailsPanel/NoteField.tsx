import { useState } from 'react';

/** A free note, saved when the field loses focus. */
export function NoteField({ value, onCommit }: { value: string; onCommit: (note: string) => void }) {
  const [draft, setDraft] = useState(value);
  return (
    <label className="field" htmlFor="annotation-note">
      <span>Note</span>
      <textarea
        id="annotation-note"
        rows={2}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== value && onCommit(draft)}
      />
    </label>
  );
}
