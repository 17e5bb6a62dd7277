import { formatPercent } from "../format";
import type { Cadence, Direction, GoalKind, GoalState, GoalStatus } from "../ipc";

export const STATUS_LABELS: Readonly<Record<GoalStatus, string>> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  done: "Done",
  missed: "Missed",
};

export const STATE_LABELS: Readonly<Record<GoalState, string>> = {
  draft: "Draft",
  active: "Active",
  completed: "Completed",
  missed: "Missed",
  cancelled: "Cancelled",
  deprioritised: "Deprioritised",
};

export const DIRECTION_LABELS: Readonly<Record<Direction, string>> = {
  increase: "Increase",
  decrease: "Decrease",
  at_least: "Stay at or above",
  at_most: "Stay at or below",
  within_band: "Stay within a band",
  done: "Done or not done",
};

export const KIND_LABELS: Readonly<Record<GoalKind, string>> = {
  smart_goal: "SMART goal",
  objective: "Objective",
  key_result: "Key result",
};

export function cadenceLabel(cadence: Cadence): string {
  switch (cadence.kind) {
    case "weekly":
      return "Weekly";
    case "biweekly":
      return "Every two weeks";
    case "monthly":
      return "Monthly";
    case "custom":
      return cadence.days === 1 ? "Daily" : `Every ${cadence.days} days`;
  }
}

/** Status as colour and text; a goal without a status (draft, cancelled…) shows its state. */
export function StatusChip({ status, state }: { status: GoalStatus | null; state: GoalState }) {
  const key = status ?? "none";
  const label = status ? STATUS_LABELS[status] : STATE_LABELS[state];
  return (
    <span className={`chip chip--${key}`} data-testid="status-chip" data-status={key}>
      <span className="chip__dot" aria-hidden="true" />
      {label}
    </span>
  );
}

function clampPercent(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10;
}

/**
 * Progress against the expected pace: the bar is the progress, the tick is
 * where the goal should be by now. SVG attributes, so no inline styles (CSP).
 */
export function ProgressBar({
  progress,
  expected,
  status,
  label = "Progress",
}: {
  progress: number;
  expected: number;
  status: GoalStatus | null;
  label?: string;
}) {
  const done = clampPercent(progress);
  const due = clampPercent(expected);
  return (
    <div
      className={`progress progress--${status ?? "none"}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(done)}
      aria-valuetext={`${formatPercent(progress)} done, ${formatPercent(expected)} expected by now`}
    >
      <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect className="progress__track" x="0" y="2" width="100" height="6" />
        <rect className="progress__fill" x="0" y="2" width={done} height="6" />
        <line className="progress__tick" x1={due} x2={due} y1="0" y2="10" vectorEffect="non-scaling-stroke" />
      </svg>
    </div>
  );
}
