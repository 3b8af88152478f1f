import type { KeyboardEvent } from 'react';
import type { BarShapeProps } from 'recharts';

/**
 * A chart bar (or stacked segment) drawn by us rather than by recharts so that it is a real
 * control: focusable, named for screen readers, and carrying its data for the drill-down.
 */
export function ChartBar({
  shape,
  label,
  testId,
  data,
  outlined = false,
  onPick,
}: {
  shape: BarShapeProps;
  label: string;
  testId: string;
  /** Written as data-* attributes (month, category, ...), which tests and the drill-down read. */
  data: Record<string, string | number>;
  /** Dashed outline, e.g. for a segment with pending money in it. */
  outlined?: boolean;
  onPick(): void;
}) {
  if (!shape.width || !shape.height) return <g />;
  const top = shape.height < 0 ? shape.y + shape.height : shape.y;
  const attributes = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));
  return (
    <rect
      className="chart-bar"
      x={shape.x}
      y={top}
      width={shape.width}
      height={Math.abs(shape.height)}
      fill={shape.fill}
      stroke={outlined ? 'var(--chart-outline)' : undefined}
      strokeDasharray={outlined ? '3 2' : undefined}
      role="button"
      tabIndex={0}
      aria-label={label}
      data-testid={testId}
      {...attributes}
      onClick={onPick}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onPick();
        }
      }}
    >
      <title>{label}</title>
    </rect>
  );
}
