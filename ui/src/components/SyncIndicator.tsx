import { useEffect, useState } from "react";
import { formatCount, formatDateTime, formatNumber, formatRelativeTime } from "../format";
import { useSyncStatus, type SyncPhase, type SyncStatus } from "../ipc";
import { hrefFor } from "../router";

/** Where the indicator leads: Settings, scrolled to its Sync section. */
export const SYNC_SETTINGS_PATH = "/settings?section=sync";

/** The current time, again every `ms` (relative times such as "5 minutes ago" stay true). */
export function useNow(ms = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(new Date());
    }, ms);
    return () => {
      window.clearInterval(timer);
    };
  }, [ms]);
  return now;
}

/** The indicator's short words for a phase: "Synced", "Offline · 3 waiting". */
export function syncPhaseLabel(status: SyncStatus): string {
  switch (status.phase) {
    case "off":
      return "Sync off";
    case "signed_out":
      return "Signed out";
    case "idle":
      return "Synced";
    case "syncing":
      return "Syncing…";
    case "offline":
      return status.pending > 0 ? `Offline · ${formatNumber(status.pending)} waiting` : "Offline";
    case "error":
      return "Sync error";
  }
}

/** "Last synced 5 minutes ago" (with `now`), or that it never has. */
export function lastSyncedText(status: SyncStatus, now: Date): string {
  return status.lastSyncAt === null ? "Not synced yet" : `Last synced ${formatRelativeTime(status.lastSyncAt, now)}`;
}

/** The title (tooltip) of the indicator: when it last synced (relative and exact local time), after the status sentence. */
function indicatorTitle(status: SyncStatus, now: Date): string {
  const last =
    status.lastSyncAt === null
      ? "Not synced yet."
      : `${lastSyncedText(status, now)} (${formatDateTime(status.lastSyncAt)}).`;
  if (status.phase === "idle") return last;
  return status.message === "" ? last : `${status.message} ${last}`;
}

function SyncIcon({ phase }: { phase: SyncPhase }) {
  let path: string;
  switch (phase) {
    case "idle":
    case "off":
      // A cloud with a tick.
      path = "M4.5 12.5h7a3 3 0 0 0 .3-6 4 4 0 0 0-7.7 1A2.5 2.5 0 0 0 4.5 12.5ZM6.2 9.4l1.4 1.4 2.6-2.7";
      break;
    case "syncing":
      // Two arrows in a circle.
      path = "M12.8 6.5A5 5 0 0 0 3.6 5M3.2 9.5a5 5 0 0 0 9.2 1.5M3.4 2.6v2.6H6M12.6 13.4v-2.6H10";
      break;
    case "offline":
      // A cloud, struck through.
      path = "M4.5 12.5h7a3 3 0 0 0 .3-6 4 4 0 0 0-7.7 1A2.5 2.5 0 0 0 4.5 12.5ZM2.5 2.5l11 11";
      break;
    case "signed_out":
      // A person.
      path = "M8 8a2.6 2.6 0 1 0 0-5.2A2.6 2.6 0 0 0 8 8Zm-4.8 5.6a4.8 4.8 0 0 1 9.6 0";
      break;
    case "error":
      // A warning sign.
      path = "M8 2.2 14 13H2L8 2.2ZM8 6.4v3.2M8 11.4v.1";
      break;
  }
  return (
    <svg className="sync-indicator__icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={path} />
    </svg>
  );
}

/**
 * Sync at a glance, in the top bar: "Synced", "Syncing…", "Offline · 3 waiting",
 * "Signed out", "Sync error", then conflicts and refused changes when there
 * are any. A link to Settings → Sync. Hidden while sync is off (and while the
 * status cannot be read).
 */
export function SyncIndicator() {
  const sync = useSyncStatus();
  const now = useNow();
  if (!sync.isSuccess) return null;
  const status = sync.data;
  const off = status.phase === "off";
  const extras: string[] = [];
  if (status.conflicts > 0) extras.push(formatCount(status.conflicts, "conflict", "conflicts"));
  if (status.needsAttention > 0) extras.push(formatCount(status.needsAttention, "needs attention", "need attention"));
  const warn = status.conflicts > 0 || status.needsAttention > 0;
  return (
    <a
      className={`sync-indicator sync-indicator--${status.phase}${warn ? " sync-indicator--warn" : ""}`}
      href={hrefFor(SYNC_SETTINGS_PATH)}
      hidden={off}
      title={off ? undefined : indicatorTitle(status, now)}
      data-testid="sync-indicator"
      data-phase={status.phase}
    >
      <SyncIcon phase={status.phase} />
      <span className="sync-indicator__text" role="status" aria-live="polite" data-testid="sync-indicator-text">
        {off ? "" : syncPhaseLabel(status)}
        {!off &&
          extras.map((extra) => (
            <span key={extra} className="sync-indicator__extra">
              {" · "}
              {extra}
            </span>
          ))}
      </span>
    </a>
  );
}
