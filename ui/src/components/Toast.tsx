import { useEffect } from "react";
import type { ToastAction } from "../toast";

export interface ToastMessage {
  /** Distinguishes two identical messages in a row. */
  id: number;
  text: string;
  action?: ToastAction | undefined;
}

const TOAST_MS = 4000;
/** A toast with an action (Undo) stays longer, so there is time to reach it. */
const TOAST_WITH_ACTION_MS = 8000;

/** A small confirmation in a polite live region; it fades after a few seconds. */
export function Toast({ message, onDismiss }: { message: ToastMessage | null; onDismiss: () => void }) {
  useEffect(() => {
    if (message === null) return;
    const timer = window.setTimeout(onDismiss, message.action === undefined ? TOAST_MS : TOAST_WITH_ACTION_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [message, onDismiss]);

  const action = message?.action;
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message !== null && (
        <div key={message.id} className={action === undefined ? "toast" : "toast toast--action"} data-testid="toast">
          <span className="toast__text">{message.text}</span>
          {action !== undefined && (
            <button
              type="button"
              className="toast__action"
              data-testid={action.testId}
              onClick={() => {
                action.onAction();
                onDismiss();
              }}
            >
              {action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
