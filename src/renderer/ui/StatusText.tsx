import type { StatusLine } from './status-line';

export function StatusText({ status, testId }: { status: StatusLine | null; testId: string }) {
  return (
    <span className={`status status-${status?.tone ?? 'info'}`} aria-live="polite" data-testid={testId}>
      {status?.text ?? ''}
    </span>
  );
}
