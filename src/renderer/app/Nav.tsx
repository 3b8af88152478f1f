import { useStore } from 'zustand';
import type { MountedView } from './view-entry';
import { useShell } from './shell-context';

/** Buttons for the registered views of one place: the tabs above the views, the links below the app. */
export function Nav({
  views,
  place,
  label,
  className,
}: {
  views: readonly MountedView[];
  place: MountedView['place'];
  label: string;
  className: string;
}) {
  const { navigation } = useShell();
  const current = useStore(navigation, (s) => s.view);
  const go = useStore(navigation, (s) => s.go);
  return (
    <nav className={className} aria-label={label}>
      {views
        .filter((v) => v.place === place)
        .map(({ id, label: name }) => (
          <button
            key={id}
            type="button"
            className={`${className}-tab${id === current ? ` ${className}-tab-current` : ''}`}
            aria-current={id === current ? 'page' : undefined}
            data-view-id={id}
            onClick={() => go(id)}
          >
            {name}
          </button>
        ))}
    </nav>
  );
}
