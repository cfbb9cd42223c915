import { useEffect, useMemo, useState } from 'react';
import type { SpanKindDefinition } from '../../../annotations/tagset';
import { DialogShell } from '../dialogs/DialogShell';
import { NO_KINDS, useWorkspace } from '../state/workspace-context';
import { useTagChannel } from '../state/tag-channel-context';
import { searchKinds } from './kind-search';
import './keyboard.css';

const optionId = (i: number) => `kind-option-${i}`;

/**
 * The quick kind picker (`/`): type part of a kind's name, arrows to choose,
 * Enter tags the selection. Every kind is reachable from the keyboard, with
 * or without a hotkey, however many the tagset has.
 */
export function KindPicker() {
  const channel = useTagChannel();
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);
  const [selected] = useState(() => channel.selectedText().trim());
  const [typed, setTyped] = useState('');
  const [active, setActive] = useState(0);
  const found = useMemo(() => searchKinds(kinds, typed), [kinds, typed]);
  const current = Math.min(active, found.length - 1);
  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const close = () => channel.setPicking(false);
  const pick = (kind: SpanKindDefinition | undefined) => {
    if (!kind) return;
    close();
    channel.tag(kind.kind);
  };

  return (
    // The shell gives the focus back where it was (the text, the list) when the picker closes.
    <DialogShell label="Tag as" className="kind-picker" onClose={close}>
      <label className="field" htmlFor="kind-picker-input">
        <span>
          {selected ? (
            <>
              Tag <q className="picked-text">{selected.length > 60 ? `${selected.slice(0, 59)}…` : selected}</q> as
            </>
          ) : (
            'Nothing is selected in the text: select some, then tag it as'
          )}
        </span>
        <input
          id="kind-picker-input"
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls="kind-picker-list"
          aria-activedescendant={found.length > 0 ? optionId(current) : undefined}
          autoComplete="off"
          autoFocus
          value={typed}
          placeholder="Type part of a kind’s name"
          onChange={(e) => {
            setTyped(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive((current + step + found.length) % Math.max(1, found.length));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              pick(found[current]);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
        />
      </label>
      <ul id="kind-picker-list" role="listbox" aria-label="Kinds" className="kind-options">
        {found.map((k, i) => (
          <li
            key={k.kind}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(k)}
          >
            <span className="swatch" style={{ backgroundColor: k.color }} />
            <span className="kind-label">{k.label}</span>
            <code>{k.kind}</code>
            {k.hotkey && <kbd>{k.hotkey}</kbd>}
          </li>
        ))}
      </ul>
      {found.length === 0 && <p className="hint">No kind matches “{typed}”.</p>}
    </DialogShell>
  );
}
