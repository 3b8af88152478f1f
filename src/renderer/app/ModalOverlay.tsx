import type { KeyboardEvent, ReactNode } from 'react';

/** A modal dialog over a dimmed window: a click outside it closes it. */
export function ModalOverlay({
  className,
  testId,
  label,
  labelledBy,
  onClose,
  onKeyDown,
  children,
}: {
  className: string;
  testId: string;
  label?: string;
  labelledBy?: string;
  onClose(): void;
  onKeyDown?(e: KeyboardEvent): void;
  children: ReactNode;
}) {
  return (
    <div className="overlay-scrim" onMouseDown={() => onClose()}>
      <div
        className={className}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        aria-labelledby={labelledBy}
        data-testid={testId}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
}
