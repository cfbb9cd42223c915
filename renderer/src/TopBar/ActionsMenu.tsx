import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';

/** One action of the top bar, shown as a button in a wide window and as a menu item in a narrow one. */
export interface TopBarAction {
  label: string;
  title?: string;
  disabled?: boolean;
  run: () => void;
}

/**
 * Every top-bar action behind one "Menu" button, for windows too narrow for
 * the row of buttons: arrows move between items, Enter runs one, Esc closes
 * and returns to the button.
 */
export function ActionsMenu({ actions }: { actions: TopBarAction[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const items = () => Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    items()
      .find((item) => !item.disabled)
      ?.focus();
    const closeOutside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const enabled = items().filter((item) => !item.disabled);
    const at = enabled.indexOf(document.activeElement as HTMLButtonElement);
    const move = (index: number) => enabled[(index + enabled.length) % enabled.length]?.focus();
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(enabled.length - 1);
    else if (event.key === 'Tab') setOpen(false);
    else return;
    if (event.key !== 'Tab') {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    <div className="actions-menu">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'top-bar-menu' : undefined}
        onClick={() => setOpen(!open)}
      >
        Menu
      </button>
      {open && (
        <div ref={menu} id="top-bar-menu" role="menu" aria-label="Actions" onKeyDown={onKeyDown}>
          {actions.map((action) => (
            <button
              key={action.label}
              type="button"
              role="menuitem"
              disabled={action.disabled}
              title={action.title}
              onClick={() => {
                close();
                action.run();
              }}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
