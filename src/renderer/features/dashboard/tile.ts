import { useEffect, useState, type ComponentType } from 'react';
import { useShell } from '../../app/shell-context';

/** What the dashboard hands every tile. */
export interface TileProps {
  /** Goes up each time the ledger changed: a tile reads its data again. */
  generation: number;
  /** The tile's data is on screen (called again after a reload is harmless). */
  ready(): void;
}

/**
 * One tile of the home dashboard: a product shows its summary here by adding one line to
 * features/dashboard/tiles.ts.
 */
export interface TileEntry {
  id: string;
  title: string;
  /** The view the tile opens, with the navigation's label for it; null: the tile acts in place. */
  opens: { view: string; label: string } | null;
  Component: ComponentType<TileProps>;
}

/**
 * A tile's one read: again after every ledger change; a failure goes to the error banner and
 * leaves the last answer on screen. `null` until the first answer.
 */
export function useTileRead<T>(
  read: () => Promise<T>,
  { generation, ready }: TileProps,
  deps: readonly unknown[] = [],
): T | null {
  const { errors } = useShell();
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    read()
      .then((answer) => {
        if (live) setData(answer);
      })
      .catch((error: unknown) => {
        if (live) errors.getState().report(error);
      })
      .finally(() => {
        if (live) ready();
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `read` is a new closure each render; deps are its inputs
  }, [generation, errors, ready, ...deps]);
  return data;
}
