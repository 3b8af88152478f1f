import { useStore } from 'zustand';
import type { MountedView } from './view-entry';
import { Nav } from './Nav';
import { useShell } from './shell-context';

/** The navigation and the view it selects (no router: the view is zustand state). */
export function CurrentView({ views }: { views: readonly MountedView[] }) {
  const { navigation } = useShell();
  const current = useStore(navigation, (s) => s.view);
  const View = views.find((v) => v.id === current)?.View;
  return (
    <div className="view-area">
      <Nav views={views} place="tabs" label="Views" className="nav" />
      {View && <View />}
    </div>
  );
}
