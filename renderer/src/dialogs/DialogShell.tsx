import type { ReactNode } from 'react';
import { useModalFocus } from './use-modal-focus';

/**
 * The one modal dialog shell: a dimmed backdrop and a card that keeps the
 * focus (Tab cycles inside), closes on Esc and gives the focus back.
 * `closeOnBackdrop` is off where a click beside the card must not lose work.
 */
export function DialogShell({
  label,
  className,
  onClose,
  closeOnBackdrop = true,
  children,
}: {
  label: string;
  className?: string;
  onClose: () => void;
  closeOnBackdrop?: boolean;
  children: ReactNode;
}) {
  const card = useModalFocus<HTMLDivElement>(onClose);
  return (
    <div className="overlay" role="presentation" onClick={closeOnBackdrop ? onClose : undefined}>
      <div
        ref={card}
        tabIndex={-1}
        className={`overlay-card${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        onClick={(e) => e.stopPropagation()}
      >
        {children}
      </div>
    </div>
  );
}
