import { useEffect } from "react";

export interface ToastMessage {
  /** Distinguishes two identical messages in a row. */
  id: number;
  text: string;
}

const TOAST_MS = 4000;

/** A small confirmation in a polite live region; it fades after a few seconds. */
export function Toast({ message, onDismiss }: { message: ToastMessage | null; onDismiss: () => void }) {
  useEffect(() => {
    if (message === null) return;
    const timer = window.setTimeout(onDismiss, TOAST_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [message, onDismiss]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message !== null && (
        <div key={message.id} className="toast" data-testid="toast">
          {message.text}
        </div>
      )}
    </div>
  );
}
