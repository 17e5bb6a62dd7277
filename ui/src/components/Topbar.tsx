import { useId, useState, type Ref } from "react";
import { formatCount } from "../format";
import { useAppInfo } from "../ipc";
import { Kbd } from "./Layout";

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

function SearchResults({ query }: { query: string }) {
  const info = useAppInfo();
  const empty = info.isSuccess && info.data.goalCount === 0 && info.data.personCount === 0;
  return (
    <div className="search__panel" role="status" data-testid="search-results">
      {empty ? (
        <>
          <strong>No goals, people or units match “{query}”.</strong>
          <span>This database is empty. Create a goal or open the demo organisation.</span>
        </>
      ) : (
        <>
          <strong>No search results for “{query}”.</strong>
          <span>This build lists goals, people and units on their own screens; search across them is not part of it.</span>
        </>
      )}
    </div>
  );
}

export function Topbar({ searchRef }: { searchRef: Ref<HTMLInputElement> }) {
  const [query, setQuery] = useState("");
  const inputId = useId();
  const trimmed = query.trim();
  return (
    <header className="topbar">
      <div className="search" role="search">
        <label htmlFor={inputId} className="visually-hidden">
          Search goals, people and units
        </label>
        <svg className="search__icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11ZM11 11l3.5 3.5" />
        </svg>
        <input
          ref={searchRef}
          id={inputId}
          className="search__input"
          type="search"
          placeholder="Search goals, people, units"
          autoComplete="off"
          spellCheck={false}
          value={query}
          data-testid="global-search"
          aria-keyshortcuts="/"
          onChange={(e) => {
            setQuery(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              setQuery("");
              e.currentTarget.blur();
            }
          }}
        />
        {trimmed === "" ? <Kbd>/</Kbd> : <SearchResults query={trimmed} />}
      </div>
      <div className="topbar__end">
        <DatabaseStatus />
      </div>
    </header>
  );
}
