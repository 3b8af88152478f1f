import { createStore } from 'zustand/vanilla';

/** Which keyboard overlay is open: the command palette, the shortcut sheet, or none. */
export type Overlay = 'palette' | 'help' | null;

export function createPaletteStore() {
  return createStore<{ open: Overlay; show(which: Overlay): void }>()((set) => ({
    open: null,
    show: (open) => set({ open }),
  }));
}
export type PaletteStore = ReturnType<typeof createPaletteStore>;
