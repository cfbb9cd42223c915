import { useState } from 'react';

/**
 * A text input saved on blur or Enter, not per keystroke; Escape puts the
 * saved value back. `onCommit` answers whether the value was saved: when it
 * was not (refused, or nothing changed), the field shows the saved value again.
 */
export function CommitField({
  label,
  value,
  onCommit,
  type = 'text',
  list,
  placeholder,
}: {
  label: string;
  value: string;
  onCommit: (value: string) => Promise<boolean> | boolean;
  type?: 'text' | 'date';
  list?: string;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const [sending, setSending] = useState<string | null>(null);
  // The saved value changed (this edit, an undo, another field): show it.
  if (value !== shown) {
    setShown(value);
    setDraft(value);
  }

  const commit = () => {
    if (draft === value || draft === sending) return;
    const sent = draft;
    setSending(sent);
    void Promise.resolve(onCommit(sent)).then((saved) => {
      setSending(null);
      if (!saved) setDraft((current) => (current === sent ? value : current));
    });
  };

  return (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        list={list}
        placeholder={placeholder}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          else if (e.key === 'Escape') setDraft(value);
        }}
      />
    </label>
  );
}
