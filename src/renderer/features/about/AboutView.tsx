import { ViewHeading } from '../../ui/ViewHeading';
import { useStore } from 'zustand';
import { useShell } from '../../app/shell-context';
import { environmentLabel } from '../../ui/format/display';
import type { ViewProps } from '../../app/view-entry';
import { buildInfo } from './build-info';
import { useViewReady } from '../../ui/view-ready';

export function AboutView({ onBack }: ViewProps) {
  const { appInfo } = useShell();
  const info = useStore(appInfo, (s) => s.info);
  const build = buildInfo();
  useViewReady('about', info !== null);
  return (
    <section className="panel view-panel about-view" aria-labelledby="about-title">
      <ViewHeading id="about-title" title="About Coffer" onBack={onBack} />
      <div className="view-body">
        <dl className="about-facts">
          <dt>Version</dt>
          <dd data-testid="about-version">{build?.version ?? info?.version ?? 'unknown'}</dd>
          <dt>Environment</dt>
          <dd>{info ? environmentLabel(info.environment) : '…'}</dd>
          <dt>Data directory</dt>
          <dd>
            <code>{info?.dataDir ?? '…'}</code>
          </dd>
        </dl>
        <section aria-labelledby="about-licences">
          <h3 id="about-licences">Open-source licences</h3>
          <p className="muted small">Coffer is built on these packages, each under its own licence.</p>
          <table className="about-licences">
            <thead>
              <tr>
                <th scope="col">Package</th>
                <th scope="col">Version</th>
                <th scope="col">Licence</th>
              </tr>
            </thead>
            <tbody>
              {(build?.licences ?? []).map((p) => (
                <tr key={p.name}>
                  <td>{p.name}</td>
                  <td>{p.version}</td>
                  <td>{p.licence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </section>
  );
}
