import { formatDay, formatNumber } from "../format";
import type { Criteria, IpcError, SmartCheck } from "../ipc";

export const CRITERIA: ReadonlyArray<readonly [keyof Criteria, string]> = [
  ["specific", "Specific"],
  ["measurable", "Measurable"],
  ["achievable", "Achievable"],
  ["relevant", "Relevant"],
  ["time_bound", "Time-bound"],
];

type MetState = "true" | "false" | "unknown";

function metState(met: boolean | null): MetState {
  return met === null ? "unknown" : met ? "true" : "false";
}

const STATE_WORDS: Readonly<Record<MetState, string>> = {
  true: "Met",
  false: "Missing",
  unknown: "Can't tell yet",
};

const STATE_ICONS: Readonly<Record<MetState, string>> = {
  true: "✓",
  false: "!",
  unknown: "?",
};

const DIRECTION_WORDS: Readonly<Record<NonNullable<SmartCheck["direction"]>, string>> = {
  increase: "Increase",
  decrease: "Decrease",
  maintain: "Maintain",
  achieve: "Achieve",
};

function withUnit(value: number, unit: string | null): string {
  if (unit === null || unit === "") return formatNumber(value);
  return unit === "%" ? `${formatNumber(value)} %` : `${formatNumber(value)} ${unit}`;
}

/** What the parser read from the sentence, in a few short lines. */
function WhatWasRead({ check }: { check: SmartCheck }) {
  const rows: Array<[string, string]> = [];
  if (check.direction !== null) rows.push(["Direction", DIRECTION_WORDS[check.direction]]);
  if (check.metric !== null) rows.push(["Metric", check.metric]);
  if (check.baseline !== null || check.target !== null) {
    const from = check.baseline === null ? "?" : withUnit(check.baseline, check.unit);
    const to = check.target === null ? "?" : withUnit(check.target, check.unit);
    rows.push(["From → to", `${from} → ${to}`]);
  }
  if (check.change !== null) {
    rows.push(["Change", check.change.relative ? `${formatNumber(check.change.value)} %` : withUnit(check.change.value, check.unit)]);
  }
  if (check.deadline !== null) rows.push(["Deadline", formatDay(check.deadline)]);
  if (check.method !== null) rows.push(["How", check.method]);
  for (const indicator of check.leading_indicators) {
    const per = indicator.per === null ? "" : ` per ${indicator.per}`;
    rows.push(["Leading indicator", `${formatNumber(indicator.value)} ${indicator.activity || indicator.unit}${per}`]);
  }
  if (rows.length === 0) return null;
  return (
    <dl className="smart-read" data-testid="smart-read">
      {rows.map(([term, value], i) => (
        <div key={`${term}-${i}`} className="smart-read__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

interface SmartPanelProps {
  /** The latest verdict (possibly for a slightly older sentence while the next one is computed). */
  check: SmartCheck | undefined;
  /** True while there is a sentence to check. */
  active: boolean;
  busy: boolean;
  error: IpcError | null;
}

/** The SMART verdict on the goal sentence: five criteria with hints and a 0–100 score. */
export function SmartPanel({ check, active, busy, error }: SmartPanelProps) {
  return (
    <section
      className="panel panel--wide smart-panel"
      data-testid="smart-panel"
      aria-labelledby="smart-panel-title"
      aria-busy={busy}
    >
      <div className="smart-panel__header">
        <h2 id="smart-panel-title" className="panel__title">
          SMART check
        </h2>
        {active && check !== undefined && (
          <p className="smart-score" aria-label={`Score ${check.score} out of 100`}>
            <span className="smart-score__value" data-testid="smart-score">
              {check.score}
            </span>
            <span className="smart-score__max" aria-hidden="true">
              /100
            </span>
          </p>
        )}
      </div>
      {!active ? (
        <p className="panel__text" data-testid="smart-empty">
          Write the goal as a sentence and Stride checks it as you type: is it specific, measurable, achievable,
          relevant and time-bound — and what to add when it is not.
        </p>
      ) : error !== null && check === undefined ? (
        <p className="field__error" role="alert" data-testid="smart-error">
          The sentence could not be checked: {error.message}
        </p>
      ) : check === undefined ? (
        <p className="panel__text muted">Checking…</p>
      ) : (
        <>
          <meter className="smart-meter" min={0} max={100} low={50} high={80} optimum={100} value={check.score} aria-hidden="true" />
          <ul className="criteria" aria-live="polite">
            {CRITERIA.map(([key, label]) => {
              const criterion = check.criteria[key];
              const state = metState(criterion.met);
              return (
                <li key={key} className={`criterion criterion--${state}`} data-testid={`criterion-${key}`} data-met={state}>
                  <span className="criterion__icon" aria-hidden="true">
                    {STATE_ICONS[state]}
                  </span>
                  <span className="criterion__text">
                    <span className="criterion__name">
                      {label} <span className="criterion__state">{STATE_WORDS[state]}</span>
                    </span>
                    <span className="criterion__hint" data-testid="criterion-hint">
                      {criterion.hint}
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
          <WhatWasRead check={check} />
          {error !== null && (
            <p className="field__error" role="alert" data-testid="smart-error">
              The latest sentence could not be checked: {error.message}
            </p>
          )}
        </>
      )}
    </section>
  );
}
