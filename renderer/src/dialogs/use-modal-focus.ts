import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  '[contenteditable="true"]',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The elements Tab can reach inside `root`, in order (hidden ones left out). */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest('fieldset:disabled'),
  );
}

/** Open modal dialogs, innermost last: only the innermost one answers keys and keeps the focus. */
const open: HTMLElement[] = [];

/**
 * Makes the element a modal dialog for the keyboard: it takes the focus when
 * it opens (unless a control in it already has it, e.g. by `autoFocus`), Tab
 * and Shift+Tab cycle inside it, Esc calls `onClose`, and when it closes the
 * focus goes back to what had it before it opened (the button, the text).
 */
export function useModalFocus<T extends HTMLElement>(onClose: () => void): RefObject<T | null> {
  const ref = useRef<T>(null);
  // Read while rendering, before an `autoFocus` control in the dialog takes the focus.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    open.push(root);
    if (!root.contains(document.activeElement)) (focusableIn(root)[0] ?? root).focus();

    const onKey = (event: KeyboardEvent) => {
      if (open.at(-1) !== root) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close.current();
      } else if (event.key === 'Tab') {
        const items = focusableIn(root);
        const first = items[0];
        const last = items.at(-1);
        const active = document.activeElement;
        if (!first || !last) {
          event.preventDefault();
          root.focus();
        } else if (event.shiftKey && (active === first || !root.contains(active) || active === root)) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && (active === last || !root.contains(active))) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    // Focus that leaves the dialog (a click behind it, a script) is brought back.
    const onFocusIn = (event: FocusEvent) => {
      if (open.at(-1) !== root || root.contains(event.target as Node)) return;
      (focusableIn(root)[0] ?? root).focus();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn);
      open.splice(open.indexOf(root), 1);
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);

  return ref;
}
