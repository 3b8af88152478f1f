import { useStore } from 'zustand';
import { VIEW_LABELS, VIEWS } from './navigation';
import { useAppState } from './shell-context';

export function Nav() {
  const { view } = useAppState();
  const current = useStore(view, (s) => s.view);
  const go = useStore(view, (s) => s.go);
  return (
    <nav className="nav" aria-label="Views">
      {VIEWS.map((name) => (
        <button
          key={name}
          type="button"
          className={`nav-tab${name === current ? ' nav-tab-current' : ''}`}
          aria-current={name === current ? 'page' : undefined}
          onClick={() => go(name)}
        >
          {VIEW_LABELS[name]}
        </button>
      ))}
    </nav>
  );
}
