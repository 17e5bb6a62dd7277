import { createContext, useContext } from "react";
import type { GoalSummary } from "./ipc";

/** Opens the check-in dialog for a goal (provided by App; a no-op elsewhere). */
export const CheckInContext = createContext<(goal: GoalSummary) => void>(() => undefined);

export function useOpenCheckIn(): (goal: GoalSummary) => void {
  return useContext(CheckInContext);
}
