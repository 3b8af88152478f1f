import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { CommandPalette, useCommands } from './CommandPalette';
import type { Command } from './commands';
import { HelpSheet } from './HelpSheet';
import { createPaletteStore, type Overlay } from './palette-store';
import { useShell } from './shell-context';
import { shortcutFor } from './shortcuts';
import type { MountedView } from './view-entry';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  );
}

/** The shortcuts (window-wide), the command palette and the help sheet. */
export function Keyboard({ views }: { views: readonly MountedView[] }) {
  const shell = useShell();
  const [palette] = useState(createPaletteStore);
  const open = useStore(palette, (s) => s.open);
  const { commands } = useCommands(views, palette);
  const [returnTo, setReturnTo] = useState<HTMLElement | null>(null);

  useEffect(() => {
    const show = (which: Overlay) => {
      setReturnTo(document.activeElement instanceof HTMLElement ? document.activeElement : null);
      palette.getState().show(which);
    };
    const onKey = (e: KeyboardEvent) => {
      if (palette.getState().open !== null) return;
      const target = shortcutFor(e, isTyping(e.target));
      if (!target) return;
      e.preventDefault();
      if (target.kind === 'palette' || target.kind === 'help') show(target.kind);
      else if (target.kind === 'command') commands.find((c) => c.id === target.id)?.run();
      else {
        const view = views.filter((v) => v.place === 'tabs')[target.index];
        if (view) shell.navigation.getState().go(view.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [palette, commands, views, shell]);

  const close = (run?: Command) => {
    palette.getState().show(null);
    returnTo?.focus();
    run?.run();
  };
  if (open === 'palette') return <CommandPalette views={views} palette={palette} onClose={close} />;
  if (open === 'help') return <HelpSheet onClose={() => close()} />;
  return null;
}
