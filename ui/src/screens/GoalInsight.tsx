import { StatusChip, STATUS_LABELS } from "../components/GoalBits";
import { SvgImage } from "../components/SvgImage";
import { formatDay, formatPercent, formatValue } from "../format";
import { useGoalInsight, type ActivityWeek, type GoalSummary, type NoForecast, type RiskAssessment } from "../ipc";
import { useDarkTheme } from "../theme";

/** Why there is no forecast, honestly. */
export const NO_FORECAST_TEXT: Readonly<Record<NoForecast, string>> = {
  no_points: "Not enough check-ins to forecast yet.",
  one_point: "Not enough check-ins to forecast yet.",
  binary: "Done-or-not goals have no forecast: there is no trend to project.",
  bad_period: "No forecast: the goal's dates leave no period to project over.",
  numeric_overflow: "No forecast: the numbers are too large to project reliably.",
};

/** Decimals worth showing for a forecast of this size (38.46 → 1, 3.846 → 2, 384.6 → 0). */
function decimalsFor(value: number): number {
  const a = Math.abs(value);
  if (a >= 100) return 0;
  if (a >= 10) return 1;
  return 2;
}

function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** "38.5 hours (34–43) by 30 Jun 2026". */
export function forecastText(a: RiskAssessment, s: GoalSummary): string | null {
  const f = a.forecast;
  if (f === null) return null;
  const d = decimalsFor(f.value);
  const interval = Math.max(0, d - 1);
  const value = formatValue(roundTo(f.value, d), s.unit, s.unitLabel);
  const nf = new Intl.NumberFormat(undefined, { maximumFractionDigits: interval });
  const low = nf.format(roundTo(f.low, interval));
  const high = nf.format(roundTo(f.high, interval));
  return `${value} (${low}–${high}) by ${formatDay(f.due)}`;
}

/** "12 %", or "< 1 %" / "> 99 %" rather than a false certainty. */
export function chanceText(p: number): string {
  if (p > 0 && p < 0.005) return `< ${formatPercent(0.01)}`;
  if (p < 1 && p > 0.995) return `> ${formatPercent(0.99)}`;
  return formatPercent(p);
}

function InsightBody({ assessment: a, summary: s }: { assessment: RiskAssessment; summary: GoalSummary }) {
  const forecast = forecastText(a, s);
  const probability = a.probability ?? a.forecast?.probability ?? null;
  const level = a.forecast ? formatPercent(a.forecast.level) : null;
  return (
    <div className="insight__facts">
      <p className="insight__status">
        <StatusChip status={a.status} state={s.state} />
        <span data-testid="goal-reason">{a.reason}</span>
      </p>
      {a.escalated && a.pace_status !== null && (
        <p className="muted" data-testid="goal-escalated">
          The forecast is worse than the pace alone, which says {STATUS_LABELS[a.pace_status].toLowerCase()}.
        </p>
      )}
      <dl className="facts">
        {probability !== null && (
          <div className="facts__row">
            <dt>Chance of reaching the target</dt>
            <dd data-testid="goal-probability">{chanceText(probability)} chance</dd>
          </div>
        )}
        <div className="facts__row">
          <dt>Forecast at the due date</dt>
          {forecast !== null ? (
            <dd data-testid="goal-forecast">
              {forecast}
              {level !== null && <span className="muted"> · {level} interval</span>}
            </dd>
          ) : (
            <dd data-testid="goal-no-forecast">
              {a.no_forecast === null ? "No forecast." : NO_FORECAST_TEXT[a.no_forecast]}
            </dd>
          )}
        </div>
      </dl>
    </div>
  );
}

/**
 * The weekly checkpoint of an activity goal: every full week with its mean
 * (or its last value, for a count to build up) against the target, the
 * weeks that fell short flagged.
 */
export function ActivityWeeks({ weeks, summary: s }: { weeks: ActivityWeek[]; summary: GoalSummary }) {
  if (weeks.length === 0) return null;
  const below = weeks.filter((w) => w.below).length;
  const rate = weeks[0]?.rate ?? true;
  return (
    <section className="insight__weeks" aria-labelledby="activity-weeks-title" data-testid="activity-weeks">
      <h3 id="activity-weeks-title" className="section__title">
        Weekly checkpoint
      </h3>
      <p className="muted" data-testid="activity-weeks-summary">
        {below === 0
          ? weeks.length === 1
            ? "The one week so far is on target."
            : `All ${String(weeks.length)} weeks on target.`
          : `${String(below)} of ${String(weeks.length)} weeks below target.`}
      </p>
      <table className="data-table">
        <caption className="visually-hidden">Each week of {s.title} against its target</caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">{rate ? "Mean" : "Reached"}</th>
            <th scope="col">{rate ? "Target" : "Expected"}</th>
            <th scope="col">Check-ins</th>
            <th scope="col">
              <span className="visually-hidden">Flag</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.monday} data-testid="activity-week" data-below={w.below ? "true" : "false"} data-monday={w.monday} data-value={w.value}>
              <th scope="row">
                {formatDay(w.monday)} – {formatDay(w.sunday)}
              </th>
              <td>{formatValue(Math.round(w.value * 10) / 10, s.unit, s.unitLabel)}</td>
              <td>{formatValue(Math.round(w.expected * 10) / 10, s.unit, s.unitLabel)}</td>
              <td>{w.checkIns}</td>
              <td>{w.below ? <span className="chip chip--off_track">Below target</span> : <span className="muted">On target</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** "Where it's heading": the progress chart (with the forecast band) and the risk assessment in words. */
export function GoalInsightPanel({ summary }: { summary: GoalSummary }) {
  const dark = useDarkTheme();
  const insight = useGoalInsight(summary.id, dark);
  return (
    <section className="panel panel--wide insight" aria-labelledby="goal-insight" data-testid="goal-insight">
      <h2 id="goal-insight" className="panel__title">
        Where it's heading
      </h2>
      {insight.isPending && (
        <div className="facts facts--loading" role="status" data-testid="goal-insight-loading">
          <span className="visually-hidden">Drawing the progress chart…</span>
          <div className="chart chart--pending skeleton" aria-hidden="true" />
        </div>
      )}
      {insight.isError && insight.data === undefined && (
        <div className="callout callout--error" role="alert" data-testid="goal-insight-error">
          <p className="callout__title">Stride could not forecast this goal.</p>
          <p className="callout__message">{insight.error.message}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              void insight.refetch();
            }}
          >
            Try again
          </button>
        </div>
      )}
      {insight.data !== undefined && (
        <>
          <SvgImage
            svg={insight.data.chartSvg}
            testId="goal-chart"
            alt={insight.data.chartDescription}
          />
          <InsightBody assessment={insight.data.assessment} summary={summary} />
          <ActivityWeeks weeks={insight.data.activityWeeks} summary={summary} />
        </>
      )}
    </section>
  );
}
