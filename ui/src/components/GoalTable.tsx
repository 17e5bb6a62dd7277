import { memo, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { useOpenCheckIn } from "../checkin";
import { formatDay, formatPercent, formatValue } from "../format";
import type { GoalSummary } from "../ipc";
import { hrefFor, navigate } from "../router";
import { useRowWindow } from "../windowing";
import { ProgressBar, StatusChip } from "./GoalBits";

/**
 * Height (px) of every goal row: the windowing below and the stylesheet
 * (`.goal-row { height: var(--goal-row-height) }`, set on the table) both use
 * this one number, so the spacers stand in for exactly the rows they replace.
 */
export const GOAL_ROW_HEIGHT = 64;

/** Columns, for the spacer rows' `colSpan`. */
const COLUMNS = 7;

/** How close (in rows) to the last loaded row the window gets before `onNearEnd` asks for more. */
const NEAR_END_ROWS = 20;

export function goalHref(id: string): string {
  return hrefFor(goalPath(id));
}

export function goalPath(id: string): string {
  return `/goals/${encodeURIComponent(id)}`;
}

interface GoalRowProps {
  goal: GoalSummary;
  index: number;
  /** The row Tab reaches (roving tab index); the others are reached with the arrow keys. */
  active: boolean;
}

const GoalRow = memo(function GoalRow({ goal, index, active }: GoalRowProps) {
  const openCheckIn = useOpenCheckIn();
  return (
    <tr
      className="goal-row"
      data-testid="goal-row"
      data-goal-id={goal.id}
      data-status={goal.status ?? "none"}
      data-row-index={index}
      aria-rowindex={index + 2}
      tabIndex={active ? 0 : -1}
    >
      <th scope="row" className="goal-row__title">
        <a href={goalHref(goal.id)} className="goal-row__link" data-testid="goal-link" title={goal.title}>
          {goal.title}
        </a>
        <span className="goal-row__owner" data-testid="goal-owner">
          {goal.ownerName}
        </span>
      </th>
      <td className="goal-row__progress">
        <ProgressBar progress={goal.progress} expected={goal.expectedProgress} status={goal.status} />
        <span className="goal-row__percent" data-testid="goal-row-progress">
          {formatPercent(goal.progress)}
        </span>
      </td>
      <td>
        <StatusChip status={goal.status} state={goal.state} />
      </td>
      <td className="num" data-testid="goal-row-current">
        {formatValue(goal.current, goal.unit, goal.unitLabel)}
      </td>
      <td className="date" data-testid="goal-row-due">
        {formatDay(goal.due)}
      </td>
      <td className="date" data-testid="goal-row-last-check-in">
        {goal.lastCheckIn === null ? <span className="muted">None yet</span> : formatDay(goal.lastCheckIn)}
      </td>
      <td className="goal-row__action">
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid="check-in-button"
          aria-label={`Check in on ${goal.title}`}
          onClick={() => {
            openCheckIn(goal);
          }}
        >
          Check in
        </button>
      </td>
    </tr>
  );
});

function Spacer({ height, testId }: { height: number; testId: string }) {
  if (height <= 0) return null;
  return (
    <tr className="goal-table__spacer" aria-hidden="true" data-testid={testId}>
      <td colSpan={COLUMNS} style={{ height }} />
    </tr>
  );
}

interface GoalTableProps {
  goals: readonly GoalSummary[];
  caption: string;
  /** Called when the rendered rows come near the last one (to load the next page). */
  onNearEnd?: (() => void) | undefined;
}

/**
 * Goals with owner, progress vs expected pace, status, current value, due date
 * and last check-in. Long lists are windowed: only the rows near the viewport
 * are in the DOM, spacer rows keep the table's height, and `aria-rowcount` /
 * `aria-rowindex` tell assistive technology the full size. Arrow keys, Page
 * Up / Page Down, Home and End move the focus from row to row (rendering and
 * scrolling to it); Enter on a row opens its goal.
 */
export function GoalTable({ goals, caption, onNearEnd }: GoalTableProps) {
  const count = goals.length;
  const { ref: bodyRef, start, end, before, after, pageSize, reveal } = useRowWindow<HTMLTableSectionElement>(
    count,
    GOAL_ROW_HEIGHT,
  );
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  /** A row to focus once it is rendered (it was outside the window when the key was pressed). */
  const pendingFocus = useRef<number | null>(null);

  const rowElement = (index: number): HTMLElement | null =>
    bodyRef.current?.querySelector<HTMLElement>(`tr[data-row-index="${index}"]`) ?? null;

  const focusRow = (row: HTMLElement) => {
    row.focus({ preventScroll: true });
    // jsdom has no scrollIntoView; a real web view keeps the row on screen.
    if (typeof row.scrollIntoView === "function") row.scrollIntoView({ block: "nearest" });
  };

  // `reveal` has just rendered the row (same render as the key press's state
  // changes): focus it before the browser paints. If the list changed under it,
  // drop the request rather than steal the focus later.
  useLayoutEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    pendingFocus.current = null;
    const row = rowElement(index);
    if (row !== null) focusRow(row);
  });

  const onNearEndRef = useRef(onNearEnd);
  useEffect(() => {
    onNearEndRef.current = onNearEnd;
  });
  const nearEnd = count > 0 && count - end < NEAR_END_ROWS;
  const wantsMore = onNearEnd !== undefined;
  useEffect(() => {
    if (nearEnd && wantsMore) onNearEndRef.current?.();
  }, [nearEnd, wantsMore, count]);

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(count - 1, index));
    setActive(target);
    const row = rowElement(target);
    if (row !== null) {
      focusRow(row);
      return;
    }
    pendingFocus.current = target;
    reveal(target);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    if (!(event.target instanceof Element)) return;
    const row = event.target.closest<HTMLElement>("tr[data-row-index]");
    if (row === null) return;
    const from = Number(row.dataset.rowIndex);
    switch (event.key) {
      case "ArrowDown":
        moveTo(from + 1);
        break;
      case "ArrowUp":
        moveTo(from - 1);
        break;
      case "PageDown":
        moveTo(from + pageSize);
        break;
      case "PageUp":
        moveTo(from - pageSize);
        break;
      case "Home":
        moveTo(0);
        break;
      case "End":
        moveTo(count - 1);
        break;
      case "Enter": {
        // On the row itself; the link and the check-in button handle their own Enter.
        const goal = goals[from];
        if (event.target !== row || goal === undefined) return;
        navigate(goalPath(goal.id));
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const style = { "--goal-row-height": `${GOAL_ROW_HEIGHT}px` } as CSSProperties;
  return (
    <div className="table-wrap">
      <table className="goal-table" data-testid="goal-table" aria-rowcount={count + 1} style={style}>
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          <col className="goal-table__col-goal" />
          <col className="goal-table__col-progress" />
          <col className="goal-table__col-status" />
          <col className="goal-table__col-current" />
          <col className="goal-table__col-date" />
          <col className="goal-table__col-date" />
          <col className="goal-table__col-action" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Goal</th>
            <th scope="col">Progress</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Current
            </th>
            <th scope="col">Due</th>
            <th scope="col">Last check-in</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody
          ref={bodyRef}
          onKeyDown={onKeyDown}
          onFocus={(event) => {
            const row = event.target.closest<HTMLElement>("tr[data-row-index]");
            if (row !== null) setActive(Number(row.dataset.rowIndex));
          }}
        >
          <Spacer height={before} testId="goal-table-spacer-before" />
          {goals.slice(start, end).map((goal, i) => (
            <GoalRow key={goal.id} goal={goal} index={start + i} active={start + i === activeIndex} />
          ))}
          <Spacer height={after} testId="goal-table-spacer-after" />
        </tbody>
      </table>
    </div>
  );
}

export function GoalListLoading({ label }: { label: string }) {
  return (
    <div className="facts facts--loading" role="status" data-testid="goals-loading">
      <span className="visually-hidden">{label}</span>
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} className="skeleton" aria-hidden="true" />
      ))}
    </div>
  );
}
