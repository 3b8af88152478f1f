import type { ReactNode } from 'react';

/** The short list most tiles show, or a sentence when there is nothing to list. */
export function TileList({
  empty,
  testId,
  children,
}: {
  empty: string;
  testId: string;
  children: ReactNode[];
}) {
  if (children.length === 0) return <p className="muted tile-empty">{empty}</p>;
  return (
    <ul className="tile-list" data-testid={testId}>
      {children}
    </ul>
  );
}

/** A signed change as the tiles write it: "+$12.00", "−$3.00", "no change". */
export function signed(minor: number, format: (abs: number) => string): string {
  if (minor === 0) return 'no change';
  return `${minor > 0 ? '+' : '−'}${format(Math.abs(minor))}`;
}
