import { createContext, useContext } from 'react';

/** A feature's own stores, provided to its components by its view (see app/view-entry.tsx). */
export interface SliceContext<S> {
  Provider: React.Provider<S | null>;
  useSlice(): S;
}

export function createSliceContext<S>(feature: string): SliceContext<S> {
  const Context = createContext<S | null>(null);
  return {
    Provider: Context.Provider,
    useSlice() {
      const slice = useContext(Context);
      if (slice === null) throw new Error(`${feature}: used outside its view`);
      return slice;
    },
  };
}
