import { formatCount } from "../format";
import { useAppInfo } from "../ipc";
import { Kbd } from "./Layout";
import { SyncIndicator } from "./SyncIndicator";

function DatabaseStatus() {
  const info = useAppInfo();
  if (info.isPending) {
    return (
      <span className="status-pill status-pill--pending" data-testid="db-status" data-state="loading">
        <span className="status-pill__dot" aria-hidden="true" />
        Opening database…
      </span>
    );
  }
  if (info.isError) {
    return (
      <span className="status-pill status-pill--error" data-testid="db-status" data-state="error" title={info.error.message}>
        <span className="status-pill__dot" aria-hidden="true" />
        Database unavailable
      </span>
    );
  }
  return (
    <span className="status-pill status-pill--ok" data-testid="db-status" data-state="ready" title={info.data.databasePath}>
      <span className="status-pill__dot" aria-hidden="true" />
      Local database · {formatCount(info.data.goalCount, "goal", "goals")} · {formatCount(info.data.personCount, "person", "people")}
    </span>
  );
}

/** "⌘K" on a Mac, "Ctrl K" elsewhere. */
export function searchShortcutLabel(): string {
  return /Mac|iPhone|iPad/.test(navigator.userAgent) ? "⌘K" : "Ctrl K";
}

/** Opens the global search dialog (so do Ctrl+K / ⌘K and `/`). */
export function Topbar({ onOpenSearch }: { onOpenSearch: () => void }) {
  return (
    <header className="topbar">
      <div className="search" role="search">
        <button
          type="button"
          className="search__button"
          data-testid="open-global-search"
          aria-keyshortcuts="Control+K Meta+K /"
          aria-haspopup="dialog"
          onClick={onOpenSearch}
        >
          <svg className="search__icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11ZM11 11l3.5 3.5" />
          </svg>
          <span className="search__placeholder">Search goals, people, units</span>
          <Kbd>{searchShortcutLabel()}</Kbd>
        </button>
      </div>
      <div className="topbar__end">
        <SyncIndicator />
        <DatabaseStatus />
      </div>
    </header>
  );
}
