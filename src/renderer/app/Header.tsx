import { useStore } from 'zustand';
import { environmentLabel } from '../ui/format/display';
import { settingsView } from '../features/settings/view';
import { useShell } from './shell-context';
import { LinkAction } from '../features/linking/LinkAction';
import { SyncAction } from '../features/sync/SyncAction';

export function Header({ showLink }: { showLink: boolean }) {
  const { appInfo, navigation } = useShell();
  const info = useStore(appInfo, (s) => s.info);
  const inSettings = useStore(navigation, (s) => s.view === settingsView.id);
  // The core words each cause once (a missing keychain is one sentence with what it costs).
  const notices = info ? info.notices : [];
  return (
    <header className="header">
      <div className="header-bar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <h1>Coffer</h1>
          {info && (
            <span className={`badge badge-env badge-${info.environment}`} data-testid="environment">
              {environmentLabel(info.environment)}
            </span>
          )}
        </div>
        <div className="header-actions">
          {showLink && <LinkAction />}
          <SyncAction />
        </div>
      </div>
      {notices.length > 0 && (
        <ul className="notices" data-testid="notices">
          {notices.map((notice) => (
            <li key={notice}>
              {notice}
              {/* The recovery-key notice points to Settings, which resolves it. */}
              {!inSettings && /\bin Settings\b/.test(notice) && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button-quiet small"
                    onClick={() => navigation.getState().go(settingsView.id)}
                  >
                    Open Settings
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </header>
  );
}
