import { insideTauri, type IpcError } from "../ipc";

/** A list that could not be read: the core's message and a way to try again. */
export function ListError({ title, error, onRetry }: { title: string; error: IpcError; onRetry: () => void }) {
  return (
    <div className="callout callout--error" role="alert" data-testid="goals-error">
      <p className="callout__title">{title}</p>
      <p className="callout__message" data-testid="goals-error-message">
        {error.message}
      </p>
      {!insideTauri() && (
        <p className="callout__hint">
          This page is running outside the Stride desktop app, so it cannot reach the local database.
        </p>
      )}
      <button type="button" className="button button--secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
