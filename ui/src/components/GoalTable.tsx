import { useOpenCheckIn } from "../checkin";
import { formatDay, formatPercent, formatValue } from "../format";
import type { GoalSummary } from "../ipc";
import { hrefFor } from "../router";
import { ProgressBar, StatusChip } from "./GoalBits";

export function goalHref(id: string): string {
  return hrefFor(`/goals/${encodeURIComponent(id)}`);
}

function GoalRow({ goal }: { goal: GoalSummary }) {
  const openCheckIn = useOpenCheckIn();
  return (
    <tr className="goal-row" data-testid="goal-row" data-goal-id={goal.id} data-status={goal.status ?? "none"}>
      <th scope="row" className="goal-row__title">
        <a href={goalHref(goal.id)} className="goal-row__link" data-testid="goal-link">
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
}

/** Goals with owner, progress vs expected pace, status, current value, due date and last check-in. */
export function GoalTable({ goals, caption }: { goals: readonly GoalSummary[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="goal-table" data-testid="goal-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
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
        <tbody>
          {goals.map((goal) => (
            <GoalRow key={goal.id} goal={goal} />
          ))}
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
