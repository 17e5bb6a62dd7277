import { createContext, useContext } from "react";

/** A button in the toast (e.g. Undo); pressing it runs `onAction` and closes the toast. */
export interface ToastAction {
  label: string;
  onAction: () => void;
  /** `data-testid` of the button. */
  testId?: string;
}

/** Shows a short confirmation in the app's toast, optionally with one action (provided by App; a no-op elsewhere). */
export const ToastContext = createContext<(text: string, action?: ToastAction) => void>(() => undefined);

export function useShowToast(): (text: string, action?: ToastAction) => void {
  return useContext(ToastContext);
}
