import { useState } from "react";
import { CyclePicker } from "../components/CyclePicker";
import { GoalListLoading } from "../components/GoalTable";
import { EmptyState, Screen } from "../components/Layout";
import { compareText, SortHeader, type SortState } from "../components/SortHeader";
import { totalCount } from "../components/StatusMix";
import { SvgImage } from "../components/SvgImage";
import { useCycleName, useSelectedCycle } from "../cycle";
import { formatDayLong, formatNumber, formatPercent } from "../format";
import { useDashboard, useDashboardCharts, type Dashboard, type StatusCounts } from "../ipc";
import { useDarkTheme } from "../theme";
import { ListError } from "./ListError";

type CountKey = keyof StatusCounts;
type GroupSortKey = "name" | CountKey | "total";

interface GroupRow {
  id: string;
  name: string;
  counts: StatusCounts;
}

const COUNT_COLUMNS: readonly { key: CountKey; label: string }[] = [
  { key: "onTrack", label: "On track" },
  { key: "atRisk", label: "At risk" },
  { key: "offTrack", label: "Off track" },
  { key: "done", label: "Done" },
  { key: "missed", label: "Missed" },
];

export function sortGroups(rows: readonly GroupRow[], sort: SortState<GroupSortKey>): GroupRow[] {
  const dir = sort.direction === "ascending" ? 1 : -1;
  const value = (r: GroupRow): number => (sort.key === "total" ? totalCount(r.counts) : sort.key === "name" ? 0 : r.counts[sort.key]);
  return [...rows].sort(
    (a, b) => (sort.key === "name" ? dir * compareText(a.name, b.name) : dir * (value(a) - value(b))) || compareText(a.name, b.name),
  );
}

function GroupTable({ rows, caption, nameLabel, testId }: { rows: readonly GroupRow[]; caption: string; nameLabel: string; testId: string }) {
  const [sort, setSort] = useState<SortState<GroupSortKey>>({ key: "offTrack", direction: "descending" });
  if (rows.length === 0) return <p className="muted">None yet.</p>;
  const sorted = sortGroups(rows, sort);
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <SortHeader column="name" sort={sort} onSort={setSort}>
              {nameLabel}
            </SortHeader>
            {COUNT_COLUMNS.map((c) => (
              <SortHeader key={c.key} column={c.key} sort={sort} onSort={setSort} className="num" initial="descending">
                {c.label}
              </SortHeader>
            ))}
            <SortHeader column="total" sort={sort} onSort={setSort} className="num" initial="descending">
              Total
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.id} data-testid={`${testId}-row`} data-id={r.id}>
              <th scope="row">{r.name}</th>
              {COUNT_COLUMNS.map((c) => (
                <td key={c.key} className="num" data-column={c.key}>
                  {formatNumber(r.counts[c.key])}
                </td>
              ))}
              <td className="num">{formatNumber(totalCount(r.counts))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Tile({ label, value, hint, testId, status }: { label: string; value: string; hint?: string | undefined; testId: string; status?: string }) {
  return (
    <div className={`tile${status ? ` tile--${status}` : ""}`} data-testid={testId}>
      <span className="tile__label">{label}</span>
      <span className="tile__value" data-testid={`${testId}-value`}>
        {value}
      </span>
      {hint !== undefined && <span className="tile__hint">{hint}</span>}
    </div>
  );
}

const STATUS_TILES: readonly { key: CountKey; label: string; status: string; testId: string }[] = [
  { key: "onTrack", label: "On track", status: "on_track", testId: "tile-on-track" },
  { key: "atRisk", label: "At risk", status: "at_risk", testId: "tile-at-risk" },
  { key: "offTrack", label: "Off track", status: "off_track", testId: "tile-off-track" },
  { key: "done", label: "Done", status: "done", testId: "tile-done" },
  { key: "missed", label: "Missed", status: "missed", testId: "tile-missed" },
];

function Charts({ cycle }: { cycle: string | null }) {
  const dark = useDarkTheme();
  const charts = useDashboardCharts(dark, cycle);
  return (
    <section className="section" aria-labelledby="analytics-charts" data-testid="analytics-charts">
      <h2 id="analytics-charts" className="section__title">
        Charts
      </h2>
      {charts.isPending && (
        <div className="facts facts--loading" role="status" data-testid="charts-loading">
          <span className="visually-hidden">Drawing the charts…</span>
          <div className="chart chart--pending skeleton" aria-hidden="true" />
        </div>
      )}
      {charts.isError && charts.data === undefined && (
        <div className="callout callout--error" role="alert" data-testid="charts-error">
          <p className="callout__title">Stride could not draw the charts.</p>
          <p className="callout__message">{charts.error.message}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              void charts.refetch();
            }}
          >
            Try again
          </button>
        </div>
      )}
      {charts.data !== undefined && (
        <div className="chart-grid">
          <figure className="chart-figure">
            <SvgImage svg={charts.data.statusSvg} testId="chart-status" alt="Bar chart of goals by status across the organisation" />
            <figcaption className="muted">Goals by status</figcaption>
          </figure>
          <figure className="chart-figure">
            <SvgImage svg={charts.data.paceSvg} testId="chart-pace" alt="Histogram of progress minus expected pace across active goals" />
            <figcaption className="muted">Progress against expected pace</figcaption>
          </figure>
        </div>
      )}
    </section>
  );
}

function DashboardBody({ dashboard: d, cycle, cycleName }: { dashboard: Dashboard; cycle: string | null; cycleName: string | null }) {
  const total = totalCount(d.counts);
  return (
    <>
      <p className="muted" data-testid="analytics-as-of">
        As of {formatDayLong(d.asOf)} · {formatNumber(total)} tracked goals
        {cycle !== null && ` in ${cycleName ?? "the chosen cycle"}`}
      </p>
      <section className="tiles" aria-label="Key numbers" data-testid="analytics-tiles">
        {STATUS_TILES.map((t) => (
          <Tile
            key={t.key}
            label={t.label}
            value={formatNumber(d.counts[t.key])}
            hint={total > 0 ? `${formatPercent(d.counts[t.key] / total)} of tracked goals` : undefined}
            status={t.status}
            testId={t.testId}
          />
        ))}
        <Tile
          label="Completion rate"
          value={d.completionRate === null ? "—" : formatPercent(d.completionRate)}
          hint={d.completionRate === null ? "No goal has closed yet" : "Done ÷ (done + missed)"}
          testId="tile-completion"
        />
        <Tile
          label="Check-in compliance"
          value={d.checkInCompliance === null ? "—" : formatPercent(d.checkInCompliance)}
          hint={d.checkInCompliance === null ? "No active goal has started yet" : "Active goals checked in within their cadence"}
          testId="tile-compliance"
        />
      </section>
      <Charts cycle={cycle} />
      <section className="section" aria-labelledby="analytics-units">
        <h2 id="analytics-units" className="section__title">
          By unit
        </h2>
        <GroupTable
          rows={d.byUnit.map((u) => ({ id: u.unit, name: u.name, counts: u.counts }))}
          caption="Goals by status per unit"
          nameLabel="Unit"
          testId="analytics-units"
        />
      </section>
      <section className="section" aria-labelledby="analytics-cycles">
        <h2 id="analytics-cycles" className="section__title">
          By cycle
        </h2>
        <GroupTable
          rows={d.byCycle.map((c) => ({ id: c.cycle, name: c.name, counts: c.counts }))}
          caption="Goals by status per cycle"
          nameLabel="Cycle"
          testId="analytics-cycles"
        />
      </section>
    </>
  );
}

function AnalyticsEmpty({ cycleName }: { cycleName: string | null }) {
  if (cycleName !== null)
    return (
      <EmptyState illustration="analytics" title={`No goals in ${cycleName}`}>
        <p>This cycle has no goals yet. Pick another cycle, or “All cycles”, to see the dashboard.</p>
      </EmptyState>
    );
  return (
    <EmptyState illustration="analytics" title="Dashboards for you, your team and the organisation">
      <p>
        Counts by status, completion rate, check-in compliance, at-risk goals and progress against expected pace will
        appear here per unit and per cycle as goals collect check-ins.
      </p>
    </EmptyState>
  );
}

export function AnalyticsScreen() {
  const [cycle] = useSelectedCycle();
  const cycleName = useCycleName(cycle);
  const dashboard = useDashboard(cycle);
  const empty =
    dashboard.data !== undefined &&
    totalCount(dashboard.data.counts) === 0 &&
    dashboard.data.byUnit.length === 0 &&
    dashboard.data.byCycle.length === 0;
  return (
    <Screen
      slug="analytics"
      title="Analytics"
      lede="Progress, pace and check-in habits across people and units."
      actions={<CyclePicker />}
    >
      {dashboard.isPending && <GoalListLoading label="Reading the dashboard…" />}
      {dashboard.isError && (
        <ListError
          title="Stride could not read the dashboard."
          error={dashboard.error}
          onRetry={() => {
            void dashboard.refetch();
          }}
        />
      )}
      {empty && <AnalyticsEmpty cycleName={cycle === null ? null : (cycleName ?? "this cycle")} />}
      {dashboard.data !== undefined && !empty && (
        <div className="analytics-body" aria-busy={dashboard.isPlaceholderData}>
          <DashboardBody dashboard={dashboard.data} cycle={cycle} cycleName={cycleName} />
        </div>
      )}
    </Screen>
  );
}
