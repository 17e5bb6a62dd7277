import { createContext, useContext } from "react";

/** Shows a short confirmation in the app's toast (provided by App; a no-op elsewhere). */
export const ToastContext = createContext<(text: string) => void>(() => undefined);

export function useShowToast(): (text: string) => void {
  return useContext(ToastContext);
}
