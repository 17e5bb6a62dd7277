import { useId, useMemo, useState } from "react";
import { DIRECTION_LABELS } from "../components/GoalBits";
import { GoalListLoading } from "../components/GoalTable";
import { EmptyState, Screen } from "../components/Layout";
import { formatCount, formatDay, formatNumber, formatValue } from "../format";
import { useKpis, type Direction, type KpiPointView, type KpiView, type PeriodKind } from "../ipc";
import { ListError } from "./ListError";

/** Data points listed at first when a KPI is expanded; "Show more" adds as many again. */
export const POINTS_PAGE = 50;

export type ChangeVerdict = "better" | "worse" | "same" | "neutral";

export interface KpiTrend {
  latest: KpiPointView | null;
  previous: KpiPointView | null;
  /** latest − previous; null with fewer than two points. */
  delta: number | null;
  /** Whether the change is good news given the KPI's direction; null without a change. */
  verdict: ChangeVerdict | null;
}

/** Which way is better: +1 higher, −1 lower, 0 neither (a band). */
export function betterSign(direction: Direction): 1 | -1 | 0 {
  switch (direction) {
    case "increase":
    case "at_least":
    case "done":
      return 1;
    case "decrease":
    case "at_most":
      return -1;
    case "within_band":
      return 0;
  }
}

/** Points oldest first (the core's order is not relied upon). */
export function sortedPoints(points: readonly KpiPointView[]): KpiPointView[] {
  return [...points].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** The latest point, the one before, the change and whether it is better. */
export function kpiTrend(kpi: KpiView): KpiTrend {
  const points = sortedPoints(kpi.points);
  const latest = points[points.length - 1] ?? null;
  const previous = points[points.length - 2] ?? null;
  if (latest === null || previous === null) return { latest, previous, delta: null, verdict: null };
  const delta = latest.value - previous.value;
  const sign = betterSign(kpi.direction);
  const verdict: ChangeVerdict = delta === 0 ? "same" : sign === 0 ? "neutral" : Math.sign(delta) === sign ? "better" : "worse";
  return { latest, previous, delta, verdict };
}

const PERIOD_LABELS: Readonly<Record<PeriodKind, string>> = {
  day: "Daily",
  week: "Weekly",
  month: "Monthly",
  quarter: "Quarterly",
};

const VERDICT_WORDS: Readonly<Record<ChangeVerdict, string>> = {
  better: "better",
  worse: "worse",
  same: "no change",
  neutral: "",
};

function periodText(point: KpiPointView): string {
  return point.start === point.end ? formatDay(point.start) : `${formatDay(point.start)} – ${formatDay(point.end)}`;
}

function Change({ kpi, trend }: { kpi: KpiView; trend: KpiTrend }) {
  if (trend.delta === null || trend.verdict === null) return <span className="muted">—</span>;
  const up = trend.delta > 0;
  const arrow = trend.delta === 0 ? "→" : up ? "▲" : "▼";
  const amount = formatValue(Math.abs(trend.delta), kpi.unit, kpi.unitLabel);
  const words = trend.delta === 0 ? "no change" : `${up ? "up" : "down"} ${amount}`;
  const verdict = VERDICT_WORDS[trend.verdict];
  return (
    <span
      className={`kpi-change kpi-change--${trend.verdict}`}
      data-testid="kpi-change"
      data-verdict={trend.verdict}
      data-arrow={trend.delta === 0 ? "flat" : up ? "up" : "down"}
    >
      <span aria-hidden="true" className="kpi-change__arrow">
        {arrow}
      </span>
      <span aria-hidden="true">{trend.delta === 0 ? "0" : `${up ? "+" : "−"}${amount}`}</span>
      <span className="visually-hidden">
        {words} from the previous period{verdict !== "" && trend.delta !== 0 ? `, ${verdict}` : ""}
      </span>
    </span>
  );
}

const SPARK_W = 96;
const SPARK_H = 28;
const SPARK_PAD = 3;

/** The last points as a small line, drawn as SVG elements (no markup strings). */
export function Sparkline({ points, label }: { points: readonly KpiPointView[]; label: string }) {
  if (points.length === 0) return <span className="muted">—</span>;
  const values = points.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const x = (i: number) => (points.length === 1 ? SPARK_W / 2 : SPARK_PAD + (i * (SPARK_W - 2 * SPARK_PAD)) / (points.length - 1));
  const y = (v: number) => (span === 0 ? SPARK_H / 2 : SPARK_PAD + ((max - v) * (SPARK_H - 2 * SPARK_PAD)) / span);
  const coords = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const last = values.length - 1;
  return (
    <svg
      className="sparkline"
      width={SPARK_W}
      height={SPARK_H}
      viewBox={`0 0 ${SPARK_W} ${SPARK_H}`}
      role="img"
      aria-label={label}
      data-testid="kpi-sparkline"
    >
      {points.length > 1 && <polyline className="sparkline__line" points={coords} fill="none" />}
      <circle className="sparkline__dot" cx={x(last)} cy={y(values[last] ?? 0)} r={2.5} />
    </svg>
  );
}

/** How many points the sparkline draws (the most recent). */
const SPARK_POINTS = 24;

function PointsTable({ kpi, id }: { kpi: KpiView; id: string }) {
  const [limit, setLimit] = useState(POINTS_PAGE);
  const newestFirst = useMemo(() => sortedPoints(kpi.points).reverse(), [kpi.points]);
  const shown = newestFirst.slice(0, limit);
  const more = newestFirst.length - shown.length;
  if (newestFirst.length === 0) {
    return (
      <p id={id} className="muted kpi-points__empty" data-testid="kpi-points">
        No data points yet. Integrations post them to <code className="code">/api/v1/kpis/{kpi.key}/points</code>.
      </p>
    );
  }
  return (
    <div id={id} className="kpi-points" data-testid="kpi-points">
      <table className="data-table kpi-points__table">
        <caption className="visually-hidden">Data points of {kpi.name}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col" className="num">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={`${p.start}/${p.end}`} data-testid="kpi-point">
              <td className="date">{periodText(p)}</td>
              <td className="num">{formatValue(p.value, kpi.unit, kpi.unitLabel)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 && (
        <div className="load-more">
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="kpi-points-more"
            onClick={() => {
              setLimit((l) => l + POINTS_PAGE);
            }}
          >
            Show {formatNumber(Math.min(more, POINTS_PAGE))} more
          </button>
          <span className="field__hint">
            {formatNumber(shown.length)} of {formatCount(newestFirst.length, "point", "points")} shown
          </span>
        </div>
      )}
    </div>
  );
}

function KpiRow({ kpi, expanded, onToggle }: { kpi: KpiView; expanded: boolean; onToggle: () => void }) {
  const pointsId = useId();
  const trend = useMemo(() => kpiTrend(kpi), [kpi]);
  const recent = useMemo(() => sortedPoints(kpi.points).slice(-SPARK_POINTS), [kpi.points]);
  const latestText = trend.latest === null ? null : formatValue(trend.latest.value, kpi.unit, kpi.unitLabel);
  return (
    <>
      <tr
        className={expanded ? "kpi-row kpi-row--expanded" : "kpi-row"}
        data-testid="kpi-row"
        data-kpi-key={kpi.key}
        onClick={(event) => {
          // The name's button handles its own clicks (and Enter/Space).
          if (!(event.target instanceof Element) || event.target.closest("button") === null) onToggle();
        }}
      >
        <th scope="row" className="kpi-row__name">
          <button
            type="button"
            className="kpi-row__toggle"
            aria-expanded={expanded}
            aria-controls={expanded ? pointsId : undefined}
            data-testid="kpi-toggle"
            onClick={onToggle}
          >
            <span className="kpi-row__chevron" aria-hidden="true">
              {expanded ? "▾" : "▸"}
            </span>
            <span data-testid="kpi-name">{kpi.name}</span>
          </button>
          <code className="kpi-row__key" data-testid="kpi-key">
            {kpi.key}
          </code>
        </th>
        <td className="num" data-testid="kpi-latest">
          {latestText === null ? (
            <span className="muted">No data yet</span>
          ) : (
            <>
              <span className="kpi-row__latest">{latestText}</span>
              {trend.latest !== null && <span className="kpi-row__period">{periodText(trend.latest)}</span>}
            </>
          )}
        </td>
        <td className="num">
          <Change kpi={kpi} trend={trend} />
        </td>
        <td>
          <Sparkline
            points={recent}
            label={
              recent.length === 0
                ? "No data"
                : `Trend of the last ${formatCount(recent.length, "point", "points")}${latestText === null ? "" : `, latest ${latestText}`}`
            }
          />
        </td>
        <td className="kpi-row__meta">
          <span>{PERIOD_LABELS[kpi.period]}</span>
          <span className="muted">{DIRECTION_LABELS[kpi.direction]}</span>
        </td>
        <td className="num" data-testid="kpi-tracked-by">
          {kpi.trackedBy === 0 ? <span className="muted">No goals</span> : `Tracked by ${formatCount(kpi.trackedBy, "goal", "goals")}`}
        </td>
      </tr>
      {expanded && (
        <tr className="kpi-row__detail">
          <td colSpan={6}>
            <PointsTable kpi={kpi} id={pointsId} />
          </td>
        </tr>
      )}
    </>
  );
}

function KpiTable({ kpis }: { kpis: readonly KpiView[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const sorted = useMemo(() => [...kpis].sort((a, b) => a.name.localeCompare(b.name)), [kpis]);
  return (
    <section className="section" aria-label="KPIs" data-testid="kpi-list">
      <p className="toolbar__meta kpi-list__meta" data-testid="kpis-shown">
        {formatCount(kpis.length, "KPI", "KPIs")} · select one to see its data points
      </p>
      <div className="table-wrap">
        <table className="data-table kpi-table" data-testid="kpi-table">
          <caption className="visually-hidden">KPIs with their latest value, change and trend</caption>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col" className="num">
                Latest
              </th>
              <th scope="col" className="num">
                Change
              </th>
              <th scope="col">Trend</th>
              <th scope="col">Period</th>
              <th scope="col" className="num">
                Goals
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((kpi) => (
              <KpiRow
                key={kpi.id}
                kpi={kpi}
                expanded={open.has(kpi.id)}
                onToggle={() => {
                  setOpen((previous) => {
                    const next = new Set(previous);
                    if (next.has(kpi.id)) next.delete(kpi.id);
                    else next.add(kpi.id);
                    return next;
                  });
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function KpisEmpty() {
  return (
    <EmptyState illustration="kpis" title="No KPIs yet">
      <p>
        KPIs such as revenue, engagement or order processing hours will appear here with their latest values and trend.
        Integrations post data points to <code className="code">/api/v1/kpis/{"{key}"}/points</code> on your Stride
        server; a goal that tracks a KPI updates itself when a new point arrives.
      </p>
    </EmptyState>
  );
}

export function KpisScreen() {
  const kpis = useKpis();
  return (
    <Screen slug="kpis" title="KPIs" lede="Organisational metrics that goals can track.">
      {kpis.isPending && <GoalListLoading label="Reading KPIs…" />}
      {kpis.isError && (
        <ListError
          title="Stride could not read the KPIs."
          error={kpis.error}
          onRetry={() => {
            void kpis.refetch();
          }}
        />
      )}
      {kpis.data?.length === 0 && <KpisEmpty />}
      {kpis.data !== undefined && kpis.data.length > 0 && <KpiTable kpis={kpis.data} />}
    </Screen>
  );
}
