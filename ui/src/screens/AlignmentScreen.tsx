import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ProgressBar, STATE_LABELS, STATUS_LABELS, StatusChip } from "../components/GoalBits";
import { goalHref, GoalListLoading } from "../components/GoalTable";
import { EmptyState, Kbd, Screen } from "../components/Layout";
import { useDebouncedValue } from "../debounce";
import { formatCount, formatNumber, formatPercent } from "../format";
import {
  GOAL_MAP_PAGE,
  loadGoalMapPaths,
  useAlignmentProblems,
  useGoalMapLevels,
  useGoalMapSearch,
  type AlignmentProblems,
  type CascadeHit,
  type GoalLink,
} from "../ipc";
import { navigate } from "../router";
import {
  activeRowFor,
  EMPTY_TREE,
  findActive,
  levelKey,
  levelRequests,
  searchPaths,
  visibleRows,
  type ActiveRow,
  type TreeRow,
  type TreeState,
} from "./alignmentTree";
import { ListError } from "./ListError";
import { NewGoalButton } from "./Screens";

/** The whole organisation's cascade (the map has no unit picker yet). */
const UNIT: string | null = null;

/** How long typing must pause before the map searches. */
export const MAP_SEARCH_DEBOUNCE_MS = 250;

/** `goal_map_search` returns at most this many hits. */
const SEARCH_LIMIT = 50;

function weightText(weight: number): string {
  return `×${formatNumber(weight)}`;
}

type NodeRow = Extract<TreeRow, { kind: "node" }>;

function TreeNodeRow({
  row,
  active,
  onToggle,
  onActivate,
}: {
  row: NodeRow;
  active: boolean;
  onToggle: () => void;
  onActivate: () => void;
}) {
  const { goal: g, rolledUp } = row.row;
  const status = g.status ? STATUS_LABELS[g.status] : STATE_LABELS[g.state];
  const label = `${g.title}${row.weight !== null ? `, weight ${weightText(row.weight)}` : ""}, ${g.ownerName}, ${formatPercent(rolledUp)} rolled up, ${status}${row.match ? ", matches the search" : ""}`;
  return (
    <li
      role="treeitem"
      className={`tree__item${row.match ? " tree__item--match" : ""}`}
      data-level={Math.min(row.level, 12)}
      aria-level={row.level}
      aria-posinset={row.posinset}
      aria-setsize={row.setsize}
      aria-expanded={row.expanded ?? undefined}
      aria-selected={active}
      aria-label={label}
      tabIndex={active ? 0 : -1}
      data-testid="tree-node"
      data-goal-id={row.id}
      data-key={row.key}
      data-match={row.match ? "true" : undefined}
      onClick={onActivate}
    >
      <span className="tree__row">
        <span
          className={`tree__toggle${row.expanded === null ? " tree__toggle--leaf" : ""}`}
          aria-hidden="true"
          data-testid="tree-toggle"
          onClick={(e) => {
            if (row.expanded === null) return;
            e.stopPropagation();
            onActivate();
            onToggle();
          }}
        >
          {row.expanded === null ? "•" : row.expanded ? "▾" : "▸"}
        </span>
        <span className="tree__main">
          <a href={goalHref(row.id)} className="tree__title" tabIndex={-1} data-testid="tree-link">
            {g.title}
          </a>
          {row.weight !== null && (
            <span className="tree__weight" data-testid="tree-weight" title="Contribution weight under this parent">
              {weightText(row.weight)}
            </span>
          )}
          {row.expanded !== null && (
            <span className="tree__badge" data-testid="tree-children" title="Goals contributing to this one">
              {formatCount(row.row.children, "contributor", "contributors")}
            </span>
          )}
          <span className="tree__owner" data-testid="tree-owner">
            {g.ownerName}
          </span>
        </span>
        <span className="tree__progress">
          <ProgressBar progress={rolledUp} expected={g.expectedProgress} status={g.status} label={`Rolled-up progress of ${g.title}`} />
          <span className="tree__percent" data-testid="tree-progress">
            {formatPercent(rolledUp)}
          </span>
        </span>
        <StatusChip status={g.status} state={g.state} />
      </span>
    </li>
  );
}

/** A loading, error or "Show N more" row: a treeitem too, so the keyboard reaches it. */
function TreeStatusRow({ row, active, onActivate }: { row: Exclude<TreeRow, NodeRow>; active: boolean; onActivate: () => void }) {
  const common = {
    role: "treeitem",
    "data-level": Math.min(row.level, 12),
    "aria-level": row.level,
    "aria-posinset": row.posinset,
    "aria-setsize": row.setsize,
    "aria-selected": active,
    tabIndex: active ? 0 : -1,
    "data-key": row.key,
  } as const;
  switch (row.kind) {
    case "loading":
      return (
        <li {...common} className="tree__item tree__item--status" aria-busy="true" data-testid="tree-loading" onClick={onActivate}>
          <span className="tree__row">
            <span className="tree__toggle tree__toggle--leaf" aria-hidden="true" />
            <span className="skeleton tree__skeleton" aria-hidden="true" />
            <span className="muted">Loading…</span>
          </span>
        </li>
      );
    case "error":
      return (
        <li {...common} className="tree__item tree__item--status tree__item--error" data-testid="tree-level-error" onClick={onActivate}>
          <span className="tree__row">
            <span className="tree__toggle tree__toggle--leaf" aria-hidden="true">
              !
            </span>
            <span>Stride could not read these goals: {row.message}</span>
            <button
              type="button"
              className="link-button"
              tabIndex={-1}
              onClick={(e) => {
                e.stopPropagation();
                row.retry();
              }}
            >
              Try again
            </button>
          </span>
        </li>
      );
    case "more":
      return (
        <li
          {...common}
          className="tree__item tree__item--more"
          aria-busy={row.loading}
          data-testid="tree-more"
          onClick={onActivate}
        >
          <span className="tree__row">
            <span className="tree__toggle tree__toggle--leaf" aria-hidden="true">
              +
            </span>
            {row.loading ? (
              <span className="muted">Loading…</span>
            ) : (
              <span className="link-button">Show {formatNumber(Math.min(row.remaining, GOAL_MAP_PAGE))} more</span>
            )}
            <span className="muted">{formatNumber(row.remaining)} not shown</span>
          </span>
        </li>
      );
  }
}

/**
 * The ARIA tree over the flat list of rows: one tab stop, roving focus. Focus
 * that moves onto a placeholder (loading, "Show more") follows to the first
 * row that replaces it.
 */
function TreeView({
  rows,
  labelledBy,
  describedBy,
  onSetExpanded,
  onShowMore,
}: {
  rows: readonly TreeRow[];
  labelledBy: string;
  describedBy: string;
  onSetExpanded: (key: string, expanded: boolean) => void;
  onShowMore: (levelId: string | null) => void;
}) {
  const [active, setActive] = useState<ActiveRow | null>(null);
  const focusPending = useRef(false);
  const treeRef = useRef<HTMLUListElement>(null);
  const activeIndex = findActive(rows, active);
  const current = rows[activeIndex];

  useEffect(() => {
    if (!focusPending.current || current === undefined) return;
    const tree = treeRef.current;
    if (tree === null) return;
    // Never pull focus back from elsewhere (the search box, another panel).
    const focused = document.activeElement;
    if (focused !== null && focused !== document.body && !tree.contains(focused)) {
      focusPending.current = false;
      return;
    }
    tree.querySelectorAll<HTMLElement>('[role="treeitem"]')[activeIndex]?.focus();
    // A placeholder keeps the request open until the row that replaces it arrives.
    if (current.kind === "node") focusPending.current = false;
  }, [current, activeIndex]);

  function moveTo(index: number): void {
    const row = rows[Math.min(rows.length - 1, Math.max(0, index))];
    if (row === undefined) return;
    focusPending.current = true;
    setActive(activeRowFor(row));
  }

  function activate(row: TreeRow): void {
    if (row.kind === "more") {
      if (row.loading) return;
      onShowMore(row.levelId);
      focusPending.current = true;
    } else if (row.kind === "error") {
      row.retry();
      focusPending.current = true;
    }
    setActive(activeRowFor(row));
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
    const row = current;
    if (row === undefined) return;
    switch (event.key) {
      case "ArrowDown":
        moveTo(activeIndex + 1);
        break;
      case "ArrowUp":
        moveTo(activeIndex - 1);
        break;
      case "Home":
        moveTo(0);
        break;
      case "End":
        moveTo(rows.length - 1);
        break;
      case "ArrowRight":
        if (row.kind === "node" && row.expanded === false) onSetExpanded(row.key, true);
        else if (row.kind === "node" && row.expanded === true) moveTo(activeIndex + 1);
        break;
      case "ArrowLeft":
        if (row.kind === "node" && row.expanded === true) onSetExpanded(row.key, false);
        else if (row.parentKey !== null) moveTo(rows.findIndex((r) => r.key === row.parentKey));
        break;
      case "Enter":
      case " ":
        if (row.kind !== "node") activate(row);
        else if (event.key === "Enter" && (event.shiftKey || row.expanded === null)) navigate(`/goals/${encodeURIComponent(row.id)}`);
        else if (row.expanded !== null) onSetExpanded(row.key, !row.expanded);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  return (
    <ul
      role="tree"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className="tree"
      ref={treeRef}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        // Focus that arrives some other way (click, screen reader) makes that item the active one.
        const key = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset.key;
        if (key !== undefined && key !== current?.key) setActive({ key });
      }}
    >
      {rows.map((row, index) =>
        row.kind === "node" ? (
          <TreeNodeRow
            key={row.key}
            row={row}
            active={index === activeIndex}
            onActivate={() => {
              setActive({ key: row.key });
            }}
            onToggle={() => {
              if (row.expanded !== null) onSetExpanded(row.key, !row.expanded);
            }}
          />
        ) : (
          <TreeStatusRow
            key={row.key}
            row={row}
            active={index === activeIndex}
            onActivate={() => {
              activate(row);
            }}
          />
        ),
      )}
    </ul>
  );
}

function UnconnectedHits({ hits }: { hits: readonly CascadeHit[] }) {
  const titleId = useId();
  return (
    <section className="alignment__unconnected" aria-labelledby={titleId} data-testid="alignment-unconnected">
      <h3 id={titleId} className="panel__subtitle">
        Not connected to a company goal <span className="muted">({formatNumber(hits.length)})</span>
      </h3>
      <ul className="link-list">
        {hits.map((hit) => (
          <li key={hit.goal} data-testid="unconnected-hit" data-goal-id={hit.goal}>
            <a href={goalHref(hit.goal)} data-testid="unconnected-link">
              {hit.title}
            </a>{" "}
            <span className="muted">has no path to a company goal</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The browsing state, or a search's (which starts afresh with each search and is dropped when it is cleared). */
interface SearchTree extends TreeState {
  query: string;
}

function pagesMerged(state: TreeState, pages: ReadonlyMap<string | null, number>): TreeState {
  let next: Map<string, number> | null = null;
  for (const [id, n] of pages) {
    const key = levelKey(id);
    if (n <= (state.pages.get(key) ?? 1)) continue;
    next ??= new Map(state.pages);
    next.set(key, n);
  }
  return next === null ? state : { ...state, pages: next };
}

/**
 * The alignment map: the top of the cascade on open, each level read when it
 * is expanded (a page at a time), and a search that opens the way down to
 * every hit.
 */
function AlignmentMap() {
  const client = useQueryClient();
  const [text, setText] = useState("");
  const settled = useDebouncedValue(text, MAP_SEARCH_DEBOUNCE_MS);
  // Clearing the search takes effect at once; typing waits for a pause.
  const query = text.trim() === "" ? "" : settled.trim();
  const hits = useGoalMapSearch(query, UNIT);
  const hitData = query === "" ? undefined : hits.data;
  const search = useMemo(() => (hitData === undefined ? null : searchPaths(hitData)), [hitData]);
  const settledHits = search !== null && !hits.isPlaceholderData;

  const [browse, setBrowse] = useState<TreeState>(EMPTY_TREE);
  const [found, setFound] = useState<SearchTree>({ ...EMPTY_TREE, query: "" });
  const state: TreeState = search === null ? browse : found.query === query ? found : EMPTY_TREE;

  function update(change: (s: TreeState) => TreeState): void {
    if (search === null) setBrowse(change);
    else setFound((s) => ({ ...change(s.query === query ? s : EMPTY_TREE), query }));
  }

  // Read every level along the hits' paths, page after page, until the goals on them are there.
  useEffect(() => {
    if (search === null || !settledHits) return;
    let live = true;
    void loadGoalMapPaths(client, UNIT, search.paths).then((pages) => {
      if (!live) return;
      setFound((s) => {
        const base: SearchTree = s.query === query ? s : { ...EMPTY_TREE, query };
        const merged = pagesMerged(base, pages);
        return merged === base ? base : { ...merged, query };
      });
    });
    return () => {
      live = false;
    };
  }, [client, search, settledHits, query]);

  const requests = useMemo(() => levelRequests(state, search), [state, search]);
  const levels = useGoalMapLevels(requests, UNIT);
  const rows = useMemo(() => visibleRows(levels, state, search), [levels, state, search]);

  const searchId = useId();
  const hintId = useId();
  const titleId = useId();
  const top = levels.get(null);

  const total = top?.total ?? null;
  if (total === null) {
    return top?.error ? (
      <ListError title="Stride could not read the cascade." error={top.error} onRetry={top.retry} />
    ) : (
      <GoalListLoading label="Reading the cascade…" />
    );
  }
  if (total === 0) return <AlignmentEmpty />;

  let meta: string;
  if (query === "") meta = formatCount(total, "company goal", "company goals");
  else if (hits.isError) meta = `The search failed: ${hits.error.message}`;
  else if (hitData === undefined) meta = "Searching…";
  else if (hitData.length === 0) meta = "No goal matches";
  else if (hitData.length >= SEARCH_LIMIT) meta = `The first ${formatNumber(hitData.length)} matching goals`;
  else meta = formatCount(hitData.length, "goal matches", "goals match");

  return (
    <section className="section alignment__tree" aria-labelledby={titleId} data-testid="alignment-tree">
      <div className="section__header">
        <h2 id={titleId} className="section__title">
          Cascade
        </h2>
      </div>
      <div className="toolbar" role="search">
        <div className="toolbar__field">
          <label htmlFor={searchId} className="toolbar__label">
            Find a goal
          </label>
          <input
            id={searchId}
            className="input"
            type="search"
            placeholder="Goal title"
            autoComplete="off"
            value={text}
            data-testid="alignment-search"
            onChange={(e) => {
              setText(e.target.value);
            }}
          />
        </div>
        <p className="toolbar__meta" aria-live="polite" data-testid="alignment-matches">
          {meta}
        </p>
      </div>
      <p id={hintId} className="field__hint">
        <Kbd>↑</Kbd> <Kbd>↓</Kbd> move, <Kbd>→</Kbd> expand, <Kbd>←</Kbd> collapse, <Kbd>Enter</Kbd> expand or collapse (opens a goal
        without contributors), <Kbd>Shift</Kbd>+<Kbd>Enter</Kbd> opens the goal.
      </p>
      {rows.length > 0 && (
        <TreeView
          rows={rows}
          labelledBy={titleId}
          describedBy={hintId}
          onSetExpanded={(key, expanded) => {
            update((s) => ({ ...s, overrides: new Map(s.overrides).set(key, expanded) }));
          }}
          onShowMore={(levelId) => {
            const key = levelKey(levelId);
            update((s) => ({ ...s, pages: new Map(s.pages).set(key, (s.pages.get(key) ?? 1) + 1) }));
          }}
        />
      )}
      {search !== null && search.orphans.length > 0 && <UnconnectedHits hits={search.orphans} />}
    </section>
  );
}

const PROBLEM_PAGE = 20;

function ProblemList<T>({
  title,
  items,
  empty,
  testId,
  render,
}: {
  title: string;
  items: readonly T[];
  empty: string;
  testId: string;
  render: (item: T) => { key: string; content: ReactNode };
}) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, PROBLEM_PAGE);
  return (
    <div className="problems__group" data-testid={`${testId}-list`}>
      <h3 className="panel__subtitle">
        {title} <span className="muted">({formatNumber(items.length)})</span>
      </h3>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="link-list problems__list">
          {shown.map((item) => {
            const { key, content } = render(item);
            return (
              <li key={key} data-testid={testId}>
                {content}
              </li>
            );
          })}
        </ul>
      )}
      {items.length > shown.length && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setAll(true);
          }}
        >
          Show all {formatNumber(items.length)}
        </button>
      )}
    </div>
  );
}

function GoalAnchor({ link }: { link: GoalLink }) {
  return <a href={goalHref(link.id)}>{link.title}</a>;
}

function ProblemsBody({ problems: p }: { problems: AlignmentProblems }) {
  const total = p.orphans.length + p.inactiveParents.length + p.opposingSiblings.length;
  return (
    <>
      <p className="muted" data-testid="alignment-problem-count">
        {total === 0 ? "No alignment problems: every active goal traces back to a company goal." : formatCount(total, "problem", "problems")}
      </p>
      <ProblemList
        title="Orphan goals"
        items={p.orphans}
        empty="None: every active goal has a path to a company goal."
        testId="orphan"
        render={(o) => ({
          key: o.id,
          content: (
            <>
              <GoalAnchor link={o} /> <span className="muted">has no path to a company goal</span>
            </>
          ),
        })}
      />
      <ProblemList
        title="Under an inactive parent"
        items={p.inactiveParents}
        empty="None."
        testId="inactive-parent"
        render={(i) => ({
          key: `${i.goal.id}>${i.parent.id}`,
          content: (
            <>
              <GoalAnchor link={i.goal} /> <span className="muted">contributes to</span> <GoalAnchor link={i.parent} />{" "}
              <span className="muted">({STATE_LABELS[i.parentState].toLowerCase()})</span>
            </>
          ),
        })}
      />
      <ProblemList
        title="Siblings pulling opposite ways"
        items={p.opposingSiblings}
        empty="None."
        testId="opposing-siblings"
        render={(o) => ({
          key: `${o.parent.id}:${o.raising.id}:${o.lowering.id}`,
          content: (
            <>
              <GoalAnchor link={o.raising} /> <span className="muted">raises and</span> <GoalAnchor link={o.lowering} />{" "}
              <span className="muted">lowers “{o.measure}” under</span> <GoalAnchor link={o.parent} />
            </>
          ),
        })}
      />
    </>
  );
}

function ProblemsPanel() {
  const problems = useAlignmentProblems();
  return (
    <aside className="panel problems" aria-labelledby="problems-title" data-testid="alignment-problems">
      <h2 id="problems-title" className="panel__title">
        Alignment problems
      </h2>
      {problems.isPending && (
        <div className="facts facts--loading" role="status" data-testid="problems-loading">
          <span className="visually-hidden">Looking for alignment problems…</span>
          <div className="skeleton" aria-hidden="true" />
          <div className="skeleton" aria-hidden="true" />
        </div>
      )}
      {problems.isError && (
        <div className="callout callout--error" role="alert" data-testid="problems-error">
          <p className="callout__title">Stride could not check the alignment.</p>
          <p className="callout__message">{problems.error.message}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              void problems.refetch();
            }}
          >
            Try again
          </button>
        </div>
      )}
      {problems.data !== undefined && <ProblemsBody problems={problems.data} />}
    </aside>
  );
}

function AlignmentEmpty() {
  return (
    <EmptyState illustration="alignment" title="The cascade, from company to individual">
      <p>
        Company goals sit at the top; department, team and individual goals hang beneath them with rolled-up progress
        and contribution weights. A goal that serves several parents appears under each one, and orphan goals or
        conflicting siblings are flagged. Align a goal to its parents when you create it.
      </p>
    </EmptyState>
  );
}

export function AlignmentScreen() {
  return (
    <Screen slug="alignment" title="Alignment map" lede="How every goal traces back to a company priority." actions={<NewGoalButton />}>
      <div className="alignment">
        <div className="alignment__main">
          <AlignmentMap />
        </div>
        <ProblemsPanel />
      </div>
    </Screen>
  );
}
