import { createContext, useContext, type ReactNode } from "react";

/**
 * Shows a screen's dialog (e.g. Revise, Apply to my team). App renders it outside the app
 * frame, which turns `inert` and stops the global shortcuts meanwhile, exactly like the
 * check-in dialog; `render` receives the function that closes it. The dialog also closes
 * when the route changes.
 */
export type OpenDialog = (render: (close: () => void) => ReactNode) => void;

/** Provided by App; a no-op elsewhere. */
export const DialogHostContext = createContext<OpenDialog>(() => undefined);

export function useOpenDialog(): OpenDialog {
  return useContext(DialogHostContext);
}
