/** A view's title row, with a way back where the view is shown on its own (before any account exists). */
export function ViewHeading({ id, title, onBack }: { id: string; title: string; onBack?: () => void }) {
  return (
    <div className="panel-heading">
      <h2 id={id}>{title}</h2>
      {onBack && (
        <button type="button" className="button button-quiet" onClick={onBack}>
          Back
        </button>
      )}
    </div>
  );
}
