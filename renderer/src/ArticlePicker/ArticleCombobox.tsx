import { useEffect, useRef, useState } from 'react';
import { useWorkspaceStore } from '../state/workspace-context';
import { matchesLine } from './matches-line';
import { useArticleMatches } from './use-article-matches';
import './article-picker.css';

/** An option of the picker: an article, or a fixed choice above them (the whole corpus). */
export interface PickerChoice {
  id: string;
  title: string;
}

interface Props {
  /** Prefix of the ids of the input, the listbox and its options. */
  id: string;
  label: string;
  /** What the input shows while the user is not typing: the chosen article's title ('' for none). */
  shown: string;
  placeholder?: string;
  /** Choices above the articles, offered while nothing is typed. */
  fixed?: readonly PickerChoice[];
  /** Articles already chosen (a picker of several): marked so, and picking one again drops it. */
  chosen?: ReadonlySet<string>;
  /** The listbox flows in the page (a dialog that scrolls) instead of floating over it. */
  inline?: boolean;
  onPick: (choice: PickerChoice) => void;
}

/**
 * Picks an article among any number by typing part of its title: an
 * editable combobox with a listbox popup (the WAI-ARIA combobox pattern,
 * https://www.w3.org/WAI/ARIA/apg/patterns/combobox/). The listbox holds the
 * server's matches a window at a time, never the whole list; arrows move,
 * Enter picks, Esc closes the list (not the dialog around it).
 */
export function ArticleCombobox({ id, label, shown, placeholder, fixed = [], chosen, inline, onPick }: Props) {
  const store = useWorkspaceStore();
  const [open, setOpen] = useState(false);
  /** The text typed since the last pick; null: not typing, the input shows `shown`. */
  const [typed, setTyped] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const filter = (typed ?? '').trim().slice(0, 200);
  const matches = useArticleMatches(store, filter, open);
  const options: PickerChoice[] = [...(filter ? [] : fixed), ...matches.rows];
  const current = Math.min(active, options.length - 1);
  const optionId = (i: number) => `${id}-option-${i}`;
  const listId = `${id}-list`;

  const close = () => {
    setOpen(false);
    setTyped(null);
  };
  const pick = (choice: PickerChoice | undefined) => {
    if (!choice) return;
    close();
    onPick(choice);
  };
  const move = (to: number) => {
    const last = options.length - 1;
    const next = Math.max(0, Math.min(last, to));
    setActive(next);
    // Near the last row loaded: the next window is asked for before the user gets there.
    if (next >= matches.rows.length + (filter ? 0 : fixed.length) - 5) void matches.more();
  };

  useEffect(() => {
    if (open) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, current]);

  // Esc closes the open list only: caught on the window, before a dialog around takes it as "close the dialog".
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || document.activeElement !== input.current) return;
      event.preventDefault();
      event.stopPropagation();
      close();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);

  return (
    <div className={`article-combobox${inline ? ' inline' : ''}`}>
      <label className="field" htmlFor={`${id}-input`}>
        <span>{label}</span>
        <input
          ref={input}
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && options.length > 0 ? optionId(current) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder ?? 'Type part of a title'}
          value={typed ?? shown}
          onChange={(e) => {
            setTyped(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onClick={() => setOpen(true)}
          onBlur={close}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'PageDown' || e.key === 'PageUp') {
              e.preventDefault();
              if (!open) {
                setOpen(true);
                setActive(0);
                return;
              }
              const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
              move(current + step);
            } else if (e.key === 'Enter' && open) {
              e.preventDefault();
              pick(options[current]);
            }
          }}
        />
      </label>
      <div className="article-popup" hidden={!open}>
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          className="article-options"
          onScroll={(e) => {
            const list = e.currentTarget;
            if (list.scrollTop + list.clientHeight > list.scrollHeight - 80) void matches.more();
          }}
        >
          {open &&
            options.map((choice, i) => {
              const isChosen = chosen?.has(choice.id) ?? false;
              return (
                <li
                  key={choice.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === current}
                  className={isChosen ? 'chosen' : undefined}
                  // The input keeps the focus: a click picks without closing the list first.
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => pick(choice)}
                >
                  <span className="option-title">{choice.title}</span>
                  {isChosen && <span className="chosen-mark">chosen</span>}
                </li>
              );
            })}
        </ul>
        <p className="hint picker-status" aria-live="polite">
          {open ? matchesLine(filter, matches.total, matches.rows.length) : ''}
        </p>
      </div>
    </div>
  );
}
