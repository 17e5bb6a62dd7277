import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { ProgressBar, STATE_LABELS, STATUS_LABELS, StatusChip } from "../components/GoalBits";
import { goalHref, GoalListLoading } from "../components/GoalTable";
import { EmptyState, Kbd, Screen } from "../components/Layout";
import { formatCount, formatNumber, formatPercent } from "../format";
import { useAlignmentProblems, useGoalTree, type AlignmentProblems, type Cascade, type GoalLink } from "../ipc";
import { navigate } from "../router";
import { ListError } from "./ListError";
import { NewGoalButton } from "./Screens";

/** Children shown per level before "Show N more". */
export const TREE_PAGE = 50;

export type TreeRow =
  | {
      kind: "node";
      key: string;
      id: string;
      parentKey: string | null;
      level: number;
      /** The contribution weight under this parent (null for roots). */
      weight: number | null;
      posinset: number;
      setsize: number;
      /** null for a leaf. */
      expanded: boolean | null;
      match: boolean;
    }
  | { kind: "more"; key: string; parentKey: string; level: number; remaining: number; posinset: number; setsize: number };

interface TreeState {
  /** Expansion the person chose, by row key (overrides the default). */
  overrides: ReadonlyMap<string, boolean>;
  /** How many children are shown, by parent key ("" for the roots). */
  limits: ReadonlyMap<string, number>;
}

interface Search {
  /** Goals whose title or owner matches. */
  matches: ReadonlySet<string>;
  /** Matches and every goal above one. */
  relevant: ReadonlySet<string>;
}

/** Goals matching every word of `query` (title or owner), and their ancestors; null for a blank query. */
export function searchCascade(cascade: Cascade, query: string): Search | null {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const parents = new Map<string, string[]>();
  const matches = new Set<string>();
  for (const [id, node] of Object.entries(cascade.nodes)) {
    const text = `${node.goal.title} ${node.goal.ownerName}`.toLocaleLowerCase();
    if (words.every((w) => text.includes(w))) matches.add(id);
    for (const [child] of node.children) {
      const list = parents.get(child);
      if (list) list.push(id);
      else parents.set(child, [id]);
    }
  }
  const relevant = new Set<string>(matches);
  const stack = [...matches];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const parent of parents.get(id) ?? []) {
      if (relevant.has(parent)) continue;
      relevant.add(parent);
      stack.push(parent);
    }
  }
  return { matches, relevant };
}

/**
 * The rows on screen, in order: roots, then the children of every expanded
 * node (at most `limits` per level, then a "Show N more" row). Collapsed
 * subtrees cost nothing, so thousands of goals stay fast. While searching,
 * only matches and their ancestors are listed (everything under a match is),
 * and nodes above a match start expanded.
 */
export function visibleRows(cascade: Cascade, state: TreeState, search: Search | null): TreeRow[] {
  const rows: TreeRow[] = [];
  const nodes = cascade.nodes;
  const hasRelevantChild = (id: string) => search !== null && (nodes[id]?.children.some(([c]) => search.relevant.has(c)) ?? false);

  function walk(
    items: readonly (readonly [string, number | null])[],
    level: number,
    parentKey: string | null,
    ancestors: ReadonlySet<string>,
    filtered: boolean,
  ): void {
    const list = items.filter(([id]) => id in nodes && !ancestors.has(id) && (!filtered || search === null || search.relevant.has(id)));
    const limit = state.limits.get(parentKey ?? "") ?? TREE_PAGE;
    const shown = Math.min(limit, list.length);
    const more = list.length - shown;
    const setsize = shown + (more > 0 ? 1 : 0);
    for (let i = 0; i < shown; i++) {
      const item = list[i];
      if (item === undefined) continue;
      const [id, weight] = item;
      const node = nodes[id];
      if (node === undefined) continue;
      const key = `${parentKey ?? ""}/${id}`;
      const match = search?.matches.has(id) ?? false;
      // Under a match, everything shows; elsewhere the search filters.
      const childFilter = filtered && !match;
      const children = node.children.filter(
        ([c]) => c in nodes && !ancestors.has(c) && c !== id && (!childFilter || search === null || search.relevant.has(c)),
      );
      const leaf = children.length === 0;
      const byDefault = search === null ? level === 1 : hasRelevantChild(id);
      const expanded = leaf ? null : (state.overrides.get(key) ?? byDefault);
      rows.push({ kind: "node", key, id, parentKey, level, weight, posinset: i + 1, setsize, expanded, match });
      if (expanded === true) {
        const next = new Set(ancestors);
        next.add(id);
        walk(children, level + 1, key, next, childFilter);
      }
    }
    if (more > 0) {
      rows.push({
        kind: "more",
        key: `${parentKey ?? ""}/+more`,
        parentKey: parentKey ?? "",
        level,
        remaining: more,
        posinset: setsize,
        setsize,
      });
    }
  }

  walk(
    cascade.roots.map((id) => [id, null] as const),
    1,
    null,
    new Set(),
    true,
  );
  return rows;
}

function weightText(weight: number): string {
  return `×${formatNumber(weight)}`;
}

function TreeNodeRow({
  row,
  cascade,
  parentCount,
  active,
  onToggle,
  onActivate,
}: {
  row: Extract<TreeRow, { kind: "node" }>;
  cascade: Cascade;
  parentCount: number;
  active: boolean;
  onToggle: () => void;
  onActivate: () => void;
}) {
  const node = cascade.nodes[row.id];
  if (node === undefined) return null;
  const g = node.goal;
  const status = g.status ? STATUS_LABELS[g.status] : STATE_LABELS[g.state];
  const label = `${g.title}${row.weight !== null ? `, weight ${weightText(row.weight)}` : ""}, ${g.ownerName}, ${formatPercent(node.rolledUp)} rolled up, ${status}`;
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
          {parentCount > 1 && <span className="tree__badge">{formatNumber(parentCount)} parents</span>}
          <span className="tree__owner" data-testid="tree-owner">
            {g.ownerName}
          </span>
        </span>
        <span className="tree__progress">
          <ProgressBar progress={node.rolledUp} expected={g.expectedProgress} status={g.status} label={`Rolled-up progress of ${g.title}`} />
          <span className="tree__percent" data-testid="tree-progress">
            {formatPercent(node.rolledUp)}
          </span>
        </span>
        <StatusChip status={g.status} state={g.state} />
      </span>
    </li>
  );
}

function CascadeTree({ cascade }: { cascade: Cascade }) {
  const [text, setText] = useState("");
  const query = useDeferredValue(text);
  const [state, setState] = useState<TreeState>({ overrides: new Map(), limits: new Map() });
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const focusPending = useRef(false);
  const treeRef = useRef<HTMLUListElement>(null);
  const searchId = useId();
  const hintId = useId();

  const search = useMemo(() => searchCascade(cascade, query), [cascade, query]);
  const parentCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const node of Object.values(cascade.nodes))
      for (const [child] of node.children) counts.set(child, (counts.get(child) ?? 0) + 1);
    return counts;
  }, [cascade]);
  const rows = useMemo(() => visibleRows(cascade, state, search), [cascade, state, search]);
  const activeIndex = Math.max(
    0,
    rows.findIndex((r) => r.key === activeKey),
  );
  const current = rows[activeIndex];

  useEffect(() => {
    if (!focusPending.current || current === undefined) return;
    focusPending.current = false;
    const items = treeRef.current?.querySelectorAll<HTMLElement>('[role="treeitem"]');
    items?.[activeIndex]?.focus();
  }, [current, activeIndex]);

  function moveTo(index: number): void {
    const row = rows[Math.min(rows.length - 1, Math.max(0, index))];
    if (row === undefined) return;
    focusPending.current = true;
    setActiveKey(row.key);
  }

  function setExpanded(key: string, expanded: boolean): void {
    setState((s) => ({ ...s, overrides: new Map(s.overrides).set(key, expanded) }));
  }

  /** Show the next page of a level; the first newly shown row takes the "more" row's place and focus. */
  function showMore(row: Extract<TreeRow, { kind: "more" }>, index: number): void {
    const limits = new Map(state.limits);
    limits.set(row.parentKey, (limits.get(row.parentKey) ?? TREE_PAGE) + TREE_PAGE);
    const next = { ...state, limits };
    const first = visibleRows(cascade, next, search)[index];
    setState(next);
    if (first !== undefined) {
      focusPending.current = true;
      setActiveKey(first.key);
    }
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
        if (row.kind === "node" && row.expanded === false) setExpanded(row.key, true);
        else if (row.kind === "node" && row.expanded === true) moveTo(activeIndex + 1);
        break;
      case "ArrowLeft":
        if (row.kind === "node" && row.expanded === true) setExpanded(row.key, false);
        else if (row.parentKey !== null && row.parentKey !== "") moveTo(rows.findIndex((r) => r.key === row.parentKey));
        break;
      case "Enter":
      case " ":
        if (row.kind === "more") showMore(row, activeIndex);
        else if (event.key === "Enter" && (event.shiftKey || row.expanded === null)) navigate(`/goals/${encodeURIComponent(row.id)}`);
        else if (row.expanded !== null) setExpanded(row.key, !row.expanded);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  const matchCount = search?.matches.size ?? 0;
  return (
    <section className="section alignment__tree" aria-labelledby="cascade-title" data-testid="alignment-tree">
      <div className="section__header">
        <h2 id="cascade-title" className="section__title">
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
            placeholder="Title or owner"
            autoComplete="off"
            value={text}
            data-testid="alignment-search"
            onChange={(e) => {
              setText(e.target.value);
              setState({ overrides: new Map(), limits: new Map() });
            }}
          />
        </div>
        <p className="toolbar__meta" aria-live="polite" data-testid="alignment-matches">
          {search === null
            ? formatCount(Object.keys(cascade.nodes).length, "goal", "goals")
            : matchCount === 0
              ? "No goal matches"
              : formatCount(matchCount, "goal matches", "goals match")}
        </p>
      </div>
      <p id={hintId} className="field__hint">
        <Kbd>↑</Kbd> <Kbd>↓</Kbd> move, <Kbd>→</Kbd> expand, <Kbd>←</Kbd> collapse, <Kbd>Enter</Kbd> expand or collapse (opens a goal
        without children), <Kbd>Shift</Kbd>+<Kbd>Enter</Kbd> opens the goal.
      </p>
      {rows.length > 0 && (
        <ul
          role="tree"
          aria-labelledby="cascade-title"
          aria-describedby={hintId}
          className="tree"
          ref={treeRef}
          onKeyDown={onKeyDown}
          onFocus={(e) => {
            // Focus that arrives some other way (click, screen reader) makes that item the active one.
            const key = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset.key;
            if (key !== undefined && key !== activeKey) setActiveKey(key);
          }}
        >
          {rows.map((row, index) =>
            row.kind === "node" ? (
              <TreeNodeRow
                key={row.key}
                row={row}
                cascade={cascade}
                parentCount={parentCounts.get(row.id) ?? 0}
                active={index === activeIndex}
                onActivate={() => {
                  setActiveKey(row.key);
                }}
                onToggle={() => {
                  if (row.expanded !== null) setExpanded(row.key, !row.expanded);
                }}
              />
            ) : (
              <li
                key={row.key}
                role="treeitem"
                className="tree__item tree__item--more"
                data-level={Math.min(row.level, 12)}
                aria-level={row.level}
                aria-posinset={row.posinset}
                aria-setsize={row.setsize}
                aria-selected={index === activeIndex}
                tabIndex={index === activeIndex ? 0 : -1}
                data-testid="tree-more"
                data-key={row.key}
                onClick={() => {
                  showMore(row, index);
                }}
              >
                <span className="tree__row">
                  <span className="tree__toggle tree__toggle--leaf" aria-hidden="true">
                    +
                  </span>
                  <span className="link-button">Show {formatNumber(Math.min(row.remaining, TREE_PAGE))} more</span>
                  <span className="muted">
                    {formatNumber(row.remaining)} not shown
                  </span>
                </span>
              </li>
            ),
          )}
        </ul>
      )}
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
  const tree = useGoalTree();
  return (
    <Screen slug="alignment" title="Alignment map" lede="How every goal traces back to a company priority." actions={<NewGoalButton />}>
      <div className="alignment">
        <div className="alignment__main">
          {tree.isPending && <GoalListLoading label="Reading the cascade…" />}
          {tree.isError && (
            <ListError
              title="Stride could not read the cascade."
              error={tree.error}
              onRetry={() => {
                void tree.refetch();
              }}
            />
          )}
          {tree.data !== undefined && tree.data.roots.length === 0 && <AlignmentEmpty />}
          {tree.data !== undefined && tree.data.roots.length > 0 && <CascadeTree cascade={tree.data} />}
        </div>
        <ProblemsPanel />
      </div>
    </Screen>
  );
}
