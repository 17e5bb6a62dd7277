import type { ReactNode } from "react";
import { useOpenCheckIn } from "../checkin";
import {
  cadenceLabel,
  DIRECTION_LABELS,
  KIND_LABELS,
  ProgressBar,
  STATE_LABELS,
  StatusChip,
} from "../components/GoalBits";
import { ApplyToTeamDialog } from "../components/ApplyToTeamDialog";
import { goalHref } from "../components/GoalTable";
import { EmptyState, LinkButton, Screen } from "../components/Layout";
import { ReviseDialog } from "../components/ReviseDialog";
import { useOpenDialog } from "../dialogs";
import { formatCount, formatDay, formatDayLong, formatNumber, formatPercent, formatValue } from "../format";
import {
  useGoalDetail,
  useOnboardingState,
  type CheckIn,
  type GoalDetail,
  type GoalLink,
  type GoalSummary,
  type IpcError,
  type Profile,
  type Revision,
} from "../ipc";
import { hrefFor } from "../router";
import { useShowToast } from "../toast";
import { GoalInsightPanel } from "./GoalInsight";
import { ListError } from "./ListError";

type Summary = GoalDetail["summary"];

/** Words for a revised field ("target", "due date"…). */
const FIELD_WORDS: Readonly<Record<Revision["field"], string>> = {
  kind: "kind",
  owner: "owner",
  statement: "statement",
  title: "title",
  method: "method",
  category: "category",
  metric_name: "metric",
  unit: "unit",
  unit_label: "unit label",
  direction: "direction",
  baseline: "baseline",
  target: "target",
  band_low: "band low end",
  band_high: "band high end",
  start: "start date",
  due: "due date",
  cycle: "cycle",
  weight: "weight",
  cadence: "cadence",
  checkpoints: "checkpoints",
  state: "state",
  kpi: "KPI",
};

const DATE_FIELDS: ReadonlySet<Revision["field"]> = new Set(["start", "due"]);

/** One revised value (JSON text) in words. */
export function revisionValue(field: Revision["field"], json: string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (value === null) return "none";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") {
    if (DATE_FIELDS.has(field)) return formatDayLong(value);
    if (field === "state" && value in STATE_LABELS) return STATE_LABELS[value as keyof typeof STATE_LABELS].toLowerCase();
    if (field === "direction" && value in DIRECTION_LABELS)
      return DIRECTION_LABELS[value as keyof typeof DIRECTION_LABELS].toLowerCase();
    return `“${value}”`;
  }
  if (field === "cadence" && typeof value === "object" && "kind" in value) {
    return cadenceLabel(value as Parameters<typeof cadenceLabel>[0]).toLowerCase();
  }
  if (Array.isArray(value)) return value.length === 0 ? "none" : `${formatNumber(value.length)} item${value.length === 1 ? "" : "s"}`;
  return json;
}

/** "target changed from 32 to 30 on 12 May 2026: market shift". */
export function revisionSentence(r: Revision): string {
  const what = FIELD_WORDS[r.field];
  const reason = r.reason.trim();
  return `${what} changed from ${revisionValue(r.field, r.old_value)} to ${revisionValue(r.field, r.new_value)} on ${formatDayLong(r.at)}${reason ? `: ${reason}` : ""}`;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function Panel({ title, id, children, testId }: { title: string; id: string; children: ReactNode; testId?: string }) {
  return (
    <section className="panel panel--wide" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="panel__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function targetText(s: Summary): string {
  const fmt = (v: number | null) => formatValue(v, s.unit, s.unitLabel);
  switch (s.direction) {
    case "within_band":
      return `between ${fmt(s.bandLow)} and ${fmt(s.bandHigh)}`;
    case "at_least":
      return `at least ${fmt(s.target)}`;
    case "at_most":
      return `at most ${fmt(s.target)}`;
    case "done":
      return "done";
    case "increase":
    case "decrease":
      return fmt(s.target);
  }
}

function GoalLinks({ links, empty, testId }: { links: readonly GoalLink[]; empty: string; testId: string }) {
  if (links.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="link-list" data-testid={testId}>
      {links.map((l) => (
        <li key={l.id} data-goal-id={l.id}>
          <a href={goalHref(l.id)}>{l.title}</a> <span className="muted">weight {formatNumber(l.weight)}</span>
        </li>
      ))}
    </ul>
  );
}

function AlignmentPaths({ detail }: { detail: GoalDetail }) {
  const paths = detail.paths;
  if (paths.length === 0)
    return (
      <p className="note note--warn" data-testid="alignment-orphan">
        No path to a company goal: this goal is not aligned to a business priority yet.
      </p>
    );
  if (paths.every((p) => p.length <= 1))
    return (
      <p className="muted" data-testid="alignment-top">
        This is a company-level goal.
      </p>
    );
  return (
    <ol className="paths" data-testid="alignment-paths">
      {paths.map((path) => (
        <li key={path.map((l) => l.id).join(">")} className="path">
          {path.map((l, i) => (
            <span key={l.id} className="path__step">
              {i > 0 && (
                <span className="path__arrow" aria-label="contributes to">
                  →
                </span>
              )}
              {i === 0 ? <strong>{l.title}</strong> : <a href={goalHref(l.id)}>{l.title}</a>}
            </span>
          ))}
        </li>
      ))}
    </ol>
  );
}

function CheckInHistory({ checkIns, summary }: { checkIns: readonly CheckIn[]; summary: Summary }) {
  if (checkIns.length === 0) return <p className="muted">No check-ins yet.</p>;
  const newestFirst = [...checkIns].reverse();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="check-in-history">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Confidence
            </th>
            <th scope="col">Note</th>
            <th scope="col">Blockers</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((c) => (
            <tr key={c.id} data-testid="check-in-row">
              <td className="date">{formatDay(c.effective)}</td>
              <td className="num">
                {summary.direction === "done"
                  ? c.done
                    ? "Done"
                    : "Not done"
                  : formatValue(c.value, summary.unit, summary.unitLabel)}
              </td>
              <td className="num">{c.confidence === null ? "—" : `${formatNumber(c.confidence)}/10`}</td>
              <td className="prose">{c.note || <span className="muted">—</span>}</td>
              <td className="prose">{c.blockers || <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Apply to my team" is offered for my own goals and for a unit's goals. */
export function canApplyToTeam(goal: Pick<GoalSummary, "owner">, me: Profile | null | undefined): boolean {
  return goal.owner.type === "unit" || (me != null && goal.owner.id === me.id);
}

function GoalBody({ detail }: { detail: GoalDetail }) {
  const { goal, summary: s } = detail;
  const fmt = (v: number | null) => formatValue(v, s.unit, s.unitLabel);
  const openCheckIn = useOpenCheckIn();
  const openDialog = useOpenDialog();
  const showToast = useShowToast();
  const onboarding = useOnboardingState();
  const showApply = canApplyToTeam(s, onboarding.data?.me);

  function openRevise(): void {
    openDialog((close) => (
      <ReviseDialog
        detail={detail}
        onClose={close}
        onRevised={() => {
          close();
          showToast("Goal revised");
        }}
      />
    ));
  }

  function openApply(): void {
    openDialog((close) => (
      <ApplyToTeamDialog
        goal={s}
        onClose={close}
        onApplied={(ids) => {
          close();
          showToast(`Created ${formatCount(ids.length, "goal", "goals")} for your team`);
        }}
      />
    ));
  }
  return (
    <Screen
      slug="goal"
      title={s.title}
      titleTestId="goal-title"
      lede={
        <>
          {KIND_LABELS[s.kind]} · {s.ownerName}
        </>
      }
      actions={
        <>
          {showApply && (
            <button type="button" className="button button--secondary" data-testid="apply-to-team-button" onClick={openApply}>
              Apply to my team
            </button>
          )}
          <button type="button" className="button button--secondary" data-testid="revise-button" onClick={openRevise}>
            Revise goal
          </button>
          <button
            type="button"
            className="button button--primary"
            data-testid="check-in-button"
            onClick={() => {
              openCheckIn(s);
            }}
          >
            Check in
          </button>
        </>
      }
    >
      <section className="panel panel--wide goal-progress" aria-label="Progress" data-testid="goal-progress-panel">
        <div className="stats">
          <div className="stat">
            <span className="stat__label">Current</span>
            <span className="stat__value" data-testid="goal-current">
              {fmt(s.current)}
            </span>
          </div>
          <div className="stat">
            <span className="stat__label">Progress</span>
            <span className="stat__value" data-testid="goal-progress">
              {formatPercent(s.progress)}
            </span>
            <span className="stat__hint" data-testid="goal-expected">
              expected {formatPercent(s.expectedProgress)} by now
            </span>
          </div>
          <div className="stat">
            <span className="stat__label">Status</span>
            <StatusChip status={s.status} state={s.state} />
          </div>
          <div className="stat">
            <span className="stat__label">Last check-in</span>
            <span className="stat__value stat__value--small">{s.lastCheckIn === null ? "None yet" : formatDay(s.lastCheckIn)}</span>
          </div>
        </div>
        <ProgressBar progress={s.progress} expected={s.expectedProgress} status={s.status} label="Progress against expected pace" />
      </section>

      <GoalInsightPanel summary={s} />

      <Panel title="Definition" id="goal-definition" testId="goal-definition">
        {goal.statement.trim() !== "" && (
          <blockquote className="statement" data-testid="goal-statement">
            {goal.statement}
          </blockquote>
        )}
        <dl className="facts">
          {goal.method.trim() !== "" && <Fact label="Method">{goal.method}</Fact>}
          <Fact label="Metric" testId="goal-metric">
            {goal.metric_name || "—"}
            {goal.unit_label ? ` (${goal.unit_label})` : ""}
          </Fact>
          <Fact label="Direction">{DIRECTION_LABELS[s.direction]}</Fact>
          <Fact label={s.direction === "within_band" ? "Baseline → band" : "Baseline → target"} testId="goal-target">
            {s.direction === "done" ? "Done or not done" : `${fmt(s.baseline)} → ${targetText(s)}`}
          </Fact>
          {detail.originalTarget !== null && (
            <Fact label="Original target" testId="goal-original-target">
              {fmt(detail.originalTarget)}
            </Fact>
          )}
          <Fact label="Start" testId="goal-start">
            {formatDay(s.start)}
          </Fact>
          <Fact label="Due" testId="goal-due">
            {formatDay(s.due)}
          </Fact>
          <Fact label="Cadence">{cadenceLabel(goal.cadence)}</Fact>
          <Fact label="Weight">{formatNumber(s.weight)}</Fact>
          <Fact label="State">{STATE_LABELS[s.state]}</Fact>
        </dl>
        {goal.checkpoints.length > 0 && (
          <>
            <h3 className="panel__subtitle">Checkpoints</h3>
            <table className="data-table" data-testid="goal-checkpoints">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col" className="num">
                    Expected
                  </th>
                  <th scope="col">Label</th>
                </tr>
              </thead>
              <tbody>
                {goal.checkpoints.map((c) => (
                  <tr key={c.date}>
                    <td className="date">{formatDay(c.date)}</td>
                    <td className="num">{fmt(c.expected)}</td>
                    <td>{c.label || <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Panel>

      <Panel title="Alignment" id="goal-alignment" testId="goal-alignment">
        <div className="two-col">
          <div>
            <h3 className="panel__subtitle">Contributes to</h3>
            <GoalLinks links={detail.parents} empty="No parent goals." testId="goal-parents" />
          </div>
          <div>
            <h3 className="panel__subtitle">Contributing goals</h3>
            <GoalLinks links={detail.children} empty="No contributing goals." testId="goal-children" />
          </div>
        </div>
        <h3 className="panel__subtitle">Path to the company goals</h3>
        <AlignmentPaths detail={detail} />
      </Panel>

      <Panel title="Check-ins" id="goal-check-ins" testId="goal-check-ins">
        <CheckInHistory checkIns={detail.checkIns} summary={s} />
      </Panel>

      <Panel title="Revision history" id="goal-revisions" testId="goal-revisions">
        {detail.revisions.length === 0 ? (
          <p className="muted">Not revised since it was set.</p>
        ) : (
          <ol className="revisions">
            {[...detail.revisions].reverse().map((r) => (
              <li key={r.id} data-testid="revision" data-field={r.field}>
                {revisionSentence(r)}
              </li>
            ))}
          </ol>
        )}
      </Panel>
    </Screen>
  );
}

/** No such goal: unknown id, or text that is not a goal id at all (a mistyped link). */
function isMissingGoal(error: IpcError): boolean {
  return error.code === "not_found" || (error.code === "invalid_input" && error.field === "id");
}

export function GoalScreen({ goalId }: { goalId: string }) {
  const detail = useGoalDetail(goalId);
  if (detail.isSuccess) return <GoalBody detail={detail.data} />;
  return (
    <Screen slug="goal" title="Goal" lede={<>Goal id <code className="code">{goalId}</code></>}>
      {detail.isPending && (
        <div className="facts facts--loading" role="status" data-testid="goal-loading">
          <span className="visually-hidden">Reading the goal…</span>
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="skeleton" aria-hidden="true" />
          ))}
        </div>
      )}
      {detail.isError && isMissingGoal(detail.error) && (
        <div data-testid="goal-not-found">
          <EmptyState
            illustration="goal"
            title="This goal could not be opened"
            actions={
              <LinkButton href={hrefFor("/goals")} variant="secondary">
                Back to Goals
              </LinkButton>
            }
          >
            <p>
              There is no goal with the id <code className="code">{goalId}</code> in your database. It may have been
              removed, or the link is mistyped. Open goals from the Goals list or My week.
            </p>
          </EmptyState>
        </div>
      )}
      {detail.isError && !isMissingGoal(detail.error) && (
        <ListError
          title="Stride could not read this goal."
          error={detail.error}
          onRetry={() => {
            void detail.refetch();
          }}
        />
      )}
    </Screen>
  );
}
