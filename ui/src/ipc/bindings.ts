// Generated from the Rust IPC types by `cargo xtask bindings`. Do not edit.
// A test (`cargo test -p stride-desktop bindings`) fails when this file is stale.
import { invoke } from "./invoke";

export type ActivityWeek = { 
/**
 * The Monday.
 */
monday: string, 
/**
 * The Sunday.
 */
sunday: string, 
/**
 * The week's mean (a rate to hold) or its last value (a count to build).
 */
value: number, 
/**
 * The target (a rate) or the expected pace on Sunday (a count).
 */
expected: number, 
/**
 * True for a rate to hold (`at_least`), false for a count to build up.
 */
rate: boolean, 
/**
 * The week fell short.
 */
below: boolean, 
/**
 * How many check-ins with a value the week had.
 */
checkIns: number, };

export type AlertKind = "at_risk" | "off_track" | "low_probability" | "missed_check_ins" | "activity_below_target" | "checkpoint_soon" | "check_in_due";

export type AlertState = "new" | "seen" | "snoozed" | "dismissed";

export type AlertStateInput = { 
/**
 * The inbox item.
 */
id: string, 
/**
 * Seen, snoozed or dismissed.
 */
state: AlertState, 
/**
 * For snoozed: `YYYY-MM-DD` it comes back.
 */
snoozedUntil: string | null, };

export type AlignmentProblems = { 
/**
 * Active goals with no path up to a company goal.
 */
orphans: Array<GoalLink>, 
/**
 * Active goals under a cancelled or deprioritised parent.
 */
inactiveParents: Array<InactiveParent>, 
/**
 * Sibling goals pushing one measure both ways.
 */
opposingSiblings: Array<OpposingSiblings>, };

export type AppInfo = { 
/**
 * The app's version.
 */
version: string, 
/**
 * The folder with the database (and, with `--data-dir`, the logs).
 */
dataDir: string, 
/**
 * The SQLite file.
 */
databasePath: string, 
/**
 * The schema version the database is migrated to.
 */
schemaVersion: number, 
/**
 * Goals of every kind and state.
 */
goalCount: number, 
/**
 * People in the organisation.
 */
personCount: number, };

export type ApplyToTeamInput = { 
/**
 * The team goal to cascade.
 */
goal: string, 
/**
 * Copy the numbers to everyone, or divide additive numbers evenly.
 */
split: TeamSplit, };

export type AttentionView = { 
/**
 * The refused op (dismissing it dismisses the whole group).
 */
opId: string, 
/**
 * Every op of this change (a goal edit and its revision records).
 */
opIds: Array<string>, 
/**
 * What it changed, in words ("a check-in on Close 12 deals").
 */
what: string, 
/**
 * The server's reason.
 */
reason: string, 
/**
 * The server's reason code.
 */
code: string, 
/**
 * When the refusal arrived.
 */
rejectedAt: string, };

export type Cadence = { "kind": "weekly" } | { "kind": "biweekly" } | { "kind": "monthly" } | { "kind": "custom", 
/**
 * Interval in days.
 */
days: number, };

export type CascadeHit = { 
/**
 * The goal found.
 */
goal: GoalId, 
/**
 * Its title.
 */
title: string, 
/**
 * Ways from a top goal down to the goal itself, shortest first (the goal
 * alone when it is at the top; one per parent for a goal aligned to
 * several, at most [`MAX_PATHS`]); none for an orphan.
 */
paths: Array<Array<GoalId>>, };

export type CascadeLevel = { 
/**
 * The goal whose contributors these are (none: the top of the cascade).
 */
parent: GoalId | null, 
/**
 * The rows of this page, by title.
 */
rows: Array<CascadeRow>, 
/**
 * How many rows the whole level has.
 */
total: number, };

export type CascadeRow = { 
/**
 * The goal and its own numbers.
 */
goal: GoalSummary, 
/**
 * Progress rolled up from its contributors by weight (its own for a leaf).
 */
rolledUp: number, 
/**
 * Its weight under the parent it is listed under (1 at the top).
 */
weight: number, 
/**
 * How many goals contribute to it (its children on the map).
 */
children: number, };

export type Category = "performance" | "development" | "activity";

export type Change = { 
/**
 * The amount (always positive; the direction says which way).
 */
value: number, 
/**
 * A percentage of the starting value (true) or an amount in the unit.
 */
relative: boolean, };

export type CheckGoalInput = { 
/**
 * The sentence as written.
 */
statement: string, 
/**
 * The owner whose history judges achievability (default: me).
 */
owner: string | null, 
/**
 * Chosen parent goals (relevant is met when there is one).
 */
parents: Array<string>, 
/**
 * `YYYY-MM-DD` relative periods count from (default: today).
 */
today: string | null, };

export type CheckIn = { 
/**
 * Id.
 */
id: CheckInId, 
/**
 * The goal.
 */
goal: GoalId, 
/**
 * The measured value, finite.
 */
value: number | null, 
/**
 * Done flag (binary goals).
 */
done: boolean, 
/**
 * Confidence 0–10.
 */
confidence: Confidence | null, 
/**
 * Free text.
 */
note: string, 
/**
 * What is in the way.
 */
blockers: string, 
/**
 * The date the value is for.
 */
effective: string, 
/**
 * Who checked in.
 */
author: PersonId, 
/**
 * When it was recorded.
 */
created_at: string, };

export type CheckInId = string;

export type CheckInInput = { 
/**
 * The goal.
 */
goal: string, 
/**
 * The measured value (measurable goals).
 */
value: number | null, 
/**
 * Done (binary goals).
 */
done: boolean, 
/**
 * Confidence 0–10.
 */
confidence: number | null, 
/**
 * A note.
 */
note: string, 
/**
 * What is in the way.
 */
blockers: string, 
/**
 * `YYYY-MM-DD` (default: today).
 */
date: string | null, };

export type Checkpoint = { 
/**
 * When the value should be reached (within `[start, due]`).
 */
date: string, 
/**
 * The metric value expected by then (in the metric's unit, not a %).
 */
expected: number, 
/**
 * A short label ("six-week review"); may be empty.
 */
label: string, };

export type Confidence = number;

export type ConflictView = { 
/**
 * The conflict's id.
 */
id: string, 
/**
 * The goal it belongs to, when it is about a goal.
 */
goalId: GoalId | null, 
/**
 * The goal's title, when known.
 */
goalTitle: string | null, 
/**
 * The field in words ("target").
 */
field: string, 
/**
 * The whole story in one sentence.
 */
sentence: string, 
/**
 * My value, formatted.
 */
mine: string, 
/**
 * The other value, formatted.
 */
theirs: string, 
/**
 * Whether my value lost (and can be written again with *keep mine*).
 */
mineSuperseded: boolean, 
/**
 * Whether *keep mine* can write my value again here.
 */
canKeepMine: boolean, };

export type Criteria = { 
/**
 * Names what changes and by how much (or a concrete outcome).
 */
specific: Criterion, 
/**
 * Has a number to measure by (target, change) or a yes/no completion test.
 */
measurable: Criterion, 
/**
 * The target is within reach of past results (needs history).
 */
achievable: Criterion, 
/**
 * Aligned to a parent goal (needs alignment).
 */
relevant: Criterion, 
/**
 * Has a date or period by which it is reached.
 */
time_bound: Criterion, };

export type Criterion = { 
/**
 * Met, not met, or `None` when the sentence alone cannot tell.
 */
met: boolean | null, 
/**
 * One sentence: what to add (or, when met, what satisfied it).
 */
hint: string, };

export type Cycle = { 
/**
 * Id.
 */
id: CycleId, 
/**
 * Name, e.g. "Q3 2026".
 */
name: string, 
/**
 * First day.
 */
start: string, 
/**
 * Last day (inclusive), ≥ `start`.
 */
end: string, 
/**
 * State.
 */
state: CycleState, };

export type CycleId = string;

export type CycleState = "planning" | "active" | "closed";

export type CycleStatus = { 
/**
 * The cycle.
 */
cycle: CycleId, 
/**
 * Its name ("Q3 2026").
 */
name: string, 
/**
 * Counts.
 */
counts: StatusCounts, };

export type Dashboard = { 
/**
 * The date.
 */
asOf: string, 
/**
 * Over every tracked goal.
 */
counts: StatusCounts, 
/**
 * Per org unit.
 */
byUnit: Array<UnitStatus>, 
/**
 * Per cycle.
 */
byCycle: Array<CycleStatus>, 
/**
 * Done ÷ (done + missed), when any goal has closed.
 */
completionRate: number | null, 
/**
 * Share of active, started goals with a check-in within their cadence.
 */
checkInCompliance: number | null, };

export type DashboardCharts = { 
/**
 * Goals by status as a stacked bar.
 */
statusSvg: string, 
/**
 * Progress minus expected pace, as a histogram.
 */
paceSvg: string, };

export type Digest = { 
/**
 * The manager's name.
 */
manager: string, 
/**
 * First day of the week covered.
 */
from: string, 
/**
 * Last day of the week covered (the day it was made).
 */
to: string, 
/**
 * Team goals off track.
 */
offTrack: Array<DigestGoal>, 
/**
 * Team goals at risk.
 */
atRisk: Array<DigestGoal>, 
/**
 * Reports with active goals and no check-in this week.
 */
quiet: Array<QuietPerson>, 
/**
 * Goal revisions during the week, newest first.
 */
changes: Array<DigestChange>, 
/**
 * Check-ins on team goals during the week.
 */
checkIns: number, 
/**
 * Team goals done (target met or completed).
 */
done: number, };

export type DigestChange = { 
/**
 * The goal.
 */
goal: GoalId, 
/**
 * Its title.
 */
title: string, 
/**
 * Who changed it.
 */
who: string, 
/**
 * The field (`target`, `due`, `state`, …).
 */
field: string, 
/**
 * The value before, as stored (JSON text).
 */
from: string, 
/**
 * The value after, as stored (JSON text).
 */
to: string, 
/**
 * Why.
 */
reason: string, 
/**
 * When.
 */
on: string, };

export type DigestGoal = { 
/**
 * The goal.
 */
goal: GoalId, 
/**
 * Its title.
 */
title: string, 
/**
 * Who owns it (a person or a unit).
 */
owner: string, 
/**
 * Progress, 0–1.
 */
progress: number, 
/**
 * Expected progress by now, 0–1.
 */
expected: number, };

export type DigestView = { 
/**
 * The week, by section.
 */
digest: Digest, 
/**
 * The same as Markdown, to copy or save.
 */
markdown: string, };

export type Direction = "increase" | "decrease" | "at_least" | "at_most" | "within_band" | "done";

export type Forecast = { 
/**
 * The date forecast (the goal's due date).
 */
due: string, 
/**
 * The projected value on `due`.
 */
value: number, 
/**
 * Lower end of the prediction interval (`level` coverage).
 */
low: number, 
/**
 * Upper end of the prediction interval.
 */
high: number, 
/**
 * The interval's coverage (0.8 by default).
 */
level: number, 
/**
 * Scale (standard deviation) of the projected value's Student-t distribution.
 */
sigma: number, 
/**
 * Degrees of freedom of that Student-t distribution (large: normal).
 */
dof: number, 
/**
 * P(reaching the target on `due`), in [0, 1]; `None` when forecasting a
 * bare series without a measure ([`forecast_series`]).
 */
probability: number | null, 
/**
 * The trend's slope in units per day.
 */
slope_per_day: number, 
/**
 * How many (per-day) points the trend was fitted on.
 */
points_used: number, 
/**
 * How the trend was fitted.
 */
method: ForecastMethod, 
/**
 * The first day of the regime fitted after a step change (`None` without one).
 */
regime_start: string | null, 
/**
 * The last observation used.
 */
last_observation: string, };

export type ForecastMethod = "piecewise_linear" | "piecewise_linear_recent_regime";

export type Goal = GoalDraft;

export type GoalDetail = { 
/**
 * The goal's definition.
 */
goal: Goal, 
/**
 * Its numbers on the date.
 */
summary: GoalSummary, 
/**
 * Check-ins, oldest first.
 */
checkIns: Array<CheckIn>, 
/**
 * Revision history, oldest first.
 */
revisions: Array<Revision>, 
/**
 * Goals it contributes to.
 */
parents: Array<GoalLink>, 
/**
 * Goals contributing to it.
 */
children: Array<GoalLink>, 
/**
 * Paths up to company-level goals (each starts with this goal).
 */
paths: Array<Array<GoalLink>>, 
/**
 * The target as first set, when it was revised since.
 */
originalTarget: number | null, };

export type GoalDraft = { 
/**
 * The goal's id (a new one for a new goal).
 */
id: GoalId, 
/**
 * SMART goal, objective or key result.
 */
kind: GoalKind, 
/**
 * A person or an org unit.
 */
owner: Owner, 
/**
 * The sentence as written, e.g. "Reduce average order processing time
 * from 48 hours to 32 hours by Q2 2026 by …". May be empty.
 */
statement: string, 
/**
 * A short title; required.
 */
title: string, 
/**
 * The "how" (e.g. "automated workflow routing"). May be empty.
 */
method: string, 
/**
 * Performance, development or activity.
 */
category: Category, 
/**
 * What is measured, e.g. "average order processing time".
 */
metric_name: string, 
/**
 * The kind of quantity.
 */
unit: UnitKind, 
/**
 * The unit as shown: "%", "USD", "hours", "calls". May be empty.
 */
unit_label: string, 
/**
 * Which way the metric should move.
 */
direction: Direction, 
/**
 * The value at the start.
 */
baseline: number | null, 
/**
 * The value to reach (or the threshold for `at_least`/`at_most`).
 */
target: number | null, 
/**
 * Low end of the band (`within_band`).
 */
band_low: number | null, 
/**
 * High end of the band (`within_band`).
 */
band_high: number | null, 
/**
 * First day of the goal.
 */
start: string, 
/**
 * Last day of the goal (inclusive), ≥ `start`.
 */
due: string, 
/**
 * The cycle it belongs to, if any.
 */
cycle: CycleId | null, 
/**
 * Relative weight among the owner's goals, > 0 (default 1).
 */
weight: number, 
/**
 * How often to check in.
 */
cadence: Cadence, 
/**
 * Dated intermediate targets, in `[start, due]`, at most one per date.
 */
checkpoints: Array<Checkpoint>, 
/**
 * Lifecycle state.
 */
state: GoalState, 
/**
 * A KPI whose latest data point is the goal's current value.
 */
kpi: KpiId | null, };

export type GoalField = "kind" | "owner" | "statement" | "title" | "method" | "category" | "metric_name" | "unit" | "unit_label" | "direction" | "baseline" | "target" | "band_low" | "band_high" | "start" | "due" | "cycle" | "weight" | "cadence" | "checkpoints" | "state" | "kpi";

export type GoalFormDefaults = { 
/**
 * A short title.
 */
title: string, 
/**
 * What is measured.
 */
metricName: string, 
/**
 * Which way it should move.
 */
direction: Direction, 
/**
 * The kind of quantity.
 */
unit: UnitKind, 
/**
 * The unit as shown.
 */
unitLabel: string, 
/**
 * Start value.
 */
baseline: number | null, 
/**
 * Value to reach.
 */
target: number | null, 
/**
 * First day.
 */
start: string, 
/**
 * Last day.
 */
due: string | null, 
/**
 * The "how".
 */
method: string, 
/**
 * Performance, development or activity.
 */
category: Category, };

export type GoalId = string;

export type GoalInsight = { 
/**
 * Pace and forecast combined, with the reason in words.
 */
assessment: RiskAssessment, 
/**
 * The progress chart as a self-contained SVG document.
 */
chartSvg: string, 
/**
 * The chart in words (what is drawn, checkpoints, forecast and range):
 * the image's `alt` text.
 */
chartDescription: string, 
/**
 * For activity goals, every full week judged against the weekly
 * checkpoint (weeks below target flagged); empty for other goals.
 */
activityWeeks: Array<ActivityWeek>, };

export type GoalKind = "smart_goal" | "objective" | "key_result";

export type GoalLink = { 
/**
 * Id.
 */
id: GoalId, 
/**
 * Title.
 */
title: string, 
/**
 * Edge weight (for parents and children; 1 on paths).
 */
weight: number, };

export type GoalMapInput = { 
/**
 * The goal whose contributors to list (default: the top of the cascade).
 */
parent: string | null, 
/**
 * Start the cascade at this org unit's goals (default: the company's).
 */
unit: string | null, 
/**
 * `YYYY-MM-DD` (default: today).
 */
asOf: string | null, 
/**
 * Page size (default 200, at most 1000).
 */
limit: number | null, 
/**
 * Rows to skip.
 */
offset: number | null, };

export type GoalState = "draft" | "active" | "completed" | "missed" | "cancelled" | "deprioritised";

export type GoalStatus = "on_track" | "at_risk" | "off_track" | "done" | "missed";

export type GoalSummary = { 
/**
 * Id.
 */
id: GoalId, 
/**
 * Title.
 */
title: string, 
/**
 * SMART goal, objective or key result.
 */
kind: GoalKind, 
/**
 * Owner.
 */
owner: Owner, 
/**
 * The owner's name (person or unit).
 */
ownerName: string, 
/**
 * Which way the metric should move.
 */
direction: Direction, 
/**
 * Unit kind.
 */
unit: UnitKind, 
/**
 * Unit label ("hours", "%", "USD").
 */
unitLabel: string, 
/**
 * Baseline.
 */
baseline: number | null, 
/**
 * Target.
 */
target: number | null, 
/**
 * Band low end.
 */
bandLow: number | null, 
/**
 * Band high end.
 */
bandHigh: number | null, 
/**
 * First day.
 */
start: string, 
/**
 * Last day.
 */
due: string, 
/**
 * Lifecycle state.
 */
state: GoalState, 
/**
 * Weight among the owner's goals.
 */
weight: number, 
/**
 * Current value on the date.
 */
current: number | null, 
/**
 * Progress in [0, 1].
 */
progress: number, 
/**
 * Expected progress in [0, 1].
 */
expectedProgress: number, 
/**
 * Status (none for drafts, cancelled and deprioritised goals).
 */
status: GoalStatus | null, 
/**
 * Effective date of the latest check-in up to the date.
 */
lastCheckIn: string | null, };

export type InactiveParent = { 
/**
 * The active goal.
 */
goal: GoalLink, 
/**
 * Its parent.
 */
parent: GoalLink, 
/**
 * The parent's state.
 */
parentState: GoalState, };

export type InboxItem = { 
/**
 * The alert's id.
 */
id: string, 
/**
 * The goal it is about.
 */
goal: GoalId, 
/**
 * The goal's title.
 */
goalTitle: string, 
/**
 * What kind.
 */
kind: AlertKind, 
/**
 * The reason in words.
 */
reason: string, 
/**
 * When it was raised.
 */
raisedOn: string, 
/**
 * New or seen (snoozed items come back on their date).
 */
state: AlertState, };

export type IpcError = { "code": "invalid_input", 
/**
 * A human sentence saying what is wrong and how to fix it.
 */
message: string, 
/**
 * The offending field, in the UI's (camelCase) naming.
 */
field: string | null, } | { "code": "not_found", 
/**
 * A human sentence.
 */
message: string, 
/**
 * Always null; present so every variant has the same shape.
 */
field: string | null, } | { "code": "conflict", 
/**
 * A human sentence.
 */
message: string, 
/**
 * The field involved, when one is.
 */
field: string | null, } | { "code": "storage", 
/**
 * A human sentence; the cause is in the log file.
 */
message: string, 
/**
 * Always null.
 */
field: string | null, } | { "code": "internal", 
/**
 * A human sentence; the cause is in the log file.
 */
message: string, 
/**
 * Always null.
 */
field: string | null, };

export type KpiId = string;

export type KpiPointView = { 
/**
 * The period's first day, `YYYY-MM-DD`.
 */
start: string, 
/**
 * The period's last day, `YYYY-MM-DD`.
 */
end: string, 
/**
 * The value.
 */
value: number, };

export type KpiView = { 
/**
 * Id.
 */
id: KpiId, 
/**
 * Stable key integrations post to (`orders.processing_hours`).
 */
key: string, 
/**
 * Name.
 */
name: string, 
/**
 * What kind of number it is (currency, percent, …).
 */
unit: UnitKind, 
/**
 * Unit label.
 */
unitLabel: string, 
/**
 * Which way is better.
 */
direction: Direction, 
/**
 * Reporting period.
 */
period: PeriodKind, 
/**
 * Data points.
 */
points: Array<KpiPointView>, 
/**
 * How many goals track it.
 */
trackedBy: number, };

export type LeadingIndicator = { 
/**
 * How many (20).
 */
value: number, 
/**
 * The counted noun, plural lower case ("calls").
 */
unit: string, 
/**
 * Per day, week or month; `None` for other periods.
 */
per: Per | null, 
/**
 * What is done ("outbound calls").
 */
activity: string, };

export type ListGoalsInput = { 
/**
 * Which goals.
 */
scope: ScopeKind, 
/**
 * The person for `person`/`team` (default: me).
 */
person: string | null, 
/**
 * The unit for `unit`.
 */
unit: string | null, 
/**
 * Only goals of this cycle (default: every cycle).
 */
cycle: string | null, 
/**
 * `YYYY-MM-DD` (default: today).
 */
asOf: string | null, 
/**
 * Page size (default 200).
 */
limit: number | null, 
/**
 * Rows to skip.
 */
offset: number | null, };

export type NewGoalInput = { 
/**
 * The sentence as written (kept).
 */
statement: string, 
/**
 * Title.
 */
title: string, 
/**
 * SMART goal, objective or key result.
 */
kind: GoalKind, 
/**
 * A person id; null means me.
 */
ownerPerson: string | null, 
/**
 * An org unit id (a team goal) instead of a person.
 */
ownerUnit: string | null, 
/**
 * The "how".
 */
method: string, 
/**
 * Category.
 */
category: Category, 
/**
 * What is measured.
 */
metricName: string, 
/**
 * Unit kind.
 */
unit: UnitKind, 
/**
 * Unit label.
 */
unitLabel: string, 
/**
 * Direction.
 */
direction: Direction, 
/**
 * Baseline.
 */
baseline: number | null, 
/**
 * Target.
 */
target: number | null, 
/**
 * Band low (within_band).
 */
bandLow: number | null, 
/**
 * Band high (within_band).
 */
bandHigh: number | null, 
/**
 * `YYYY-MM-DD`.
 */
start: string, 
/**
 * `YYYY-MM-DD`.
 */
due: string, 
/**
 * Weight among the owner's goals.
 */
weight: number, 
/**
 * Check-in cadence.
 */
cadence: Cadence, 
/**
 * Dated intermediate targets.
 */
checkpoints: Array<Checkpoint>, 
/**
 * Parent goals with weights.
 */
parents: Array<ParentInput>, };

export type NoForecast = "no_points" | "one_point" | "binary" | "bad_period" | "numeric_overflow";

export type OnboardingState = { 
/**
 * True while the database holds no organisation: the UI offers the demo or an empty start.
 */
needsSetup: boolean, 
/**
 * The person this installation acts as.
 */
me: Profile | null, };

export type OpposingSiblings = { 
/**
 * The shared parent.
 */
parent: GoalLink, 
/**
 * The goal raising it.
 */
raising: GoalLink, 
/**
 * The goal lowering it.
 */
lowering: GoalLink, 
/**
 * The KPI key or metric name they share.
 */
measure: string, };

export type OrgUnitId = string;

export type Owner = { "type": "person", "id": PersonId } | { "type": "unit", "id": OrgUnitId };

export type OwnerChoice = { 
/**
 * `person` or `unit`.
 */
kind: string, 
/**
 * The person's or unit's id.
 */
id: string, 
/**
 * Name.
 */
name: string, 
/**
 * "You", a job title, or the unit's kind.
 */
detail: string, };

export type ParentInput = { 
/**
 * The parent goal.
 */
goal: string, 
/**
 * Contribution weight (> 0).
 */
weight: number, };

export type Per = "day" | "week" | "month";

export type PeriodKind = "day" | "week" | "month" | "quarter";

export type PersonHit = { 
/**
 * The person.
 */
id: PersonId, 
/**
 * Name.
 */
name: string, 
/**
 * Job title.
 */
title: string, 
/**
 * Their org unit's name, if any.
 */
unit: string | null, };

export type PersonId = string;

export type Profile = { 
/**
 * Id.
 */
id: PersonId, 
/**
 * Name.
 */
name: string, 
/**
 * Job title.
 */
title: string, 
/**
 * Their organisation (the company unit's name).
 */
organisation: string, };

export type Progress = { 
/**
 * What is being done ("individual goals").
 */
phase: string, 
/**
 * Units done.
 */
done: number, 
/**
 * Units in all.
 */
total: number, };

export type QuietPerson = { 
/**
 * The person.
 */
person: PersonId, 
/**
 * Their name.
 */
name: string, 
/**
 * Their latest check-in on any goal, if ever.
 */
lastCheckIn: string | null, 
/**
 * How many active goals they own.
 */
activeGoals: number, };

export type ReviseInput = { 
/**
 * The goal.
 */
goal: string, 
/**
 * The field's name (`target`, `due`, `title`, …).
 */
field: string, 
/**
 * The new value as typed.
 */
value: string, 
/**
 * Why (required).
 */
reason: string, };

export type Revision = { 
/**
 * Id.
 */
id: RevisionId, 
/**
 * The goal changed.
 */
goal: GoalId, 
/**
 * The field changed.
 */
field: GoalField, 
/**
 * The value before, as JSON text.
 */
old_value: string, 
/**
 * The value after, as JSON text.
 */
new_value: string, 
/**
 * Who changed it.
 */
author: PersonId, 
/**
 * When.
 */
at: string, 
/**
 * Why (required).
 */
reason: string, };

export type RevisionId = string;

export type RiskAssessment = { 
/**
 * The date assessed.
 */
as_of: string, 
/**
 * The current value used for progress, if any.
 */
current: number | null, 
/**
 * Progress in `[0, 1]`.
 */
progress: number, 
/**
 * Expected progress on `as_of` (checkpoints honoured).
 */
expected_progress: number, 
/**
 * The pace status alone ([`goal_status`]).
 */
pace_status: GoalStatus | null, 
/**
 * The combined status (`None` for untracked goals).
 */
status: GoalStatus | null, 
/**
 * The forecast, when the forecaster knows.
 */
forecast: Forecast | null, 
/**
 * Why there is no forecast.
 */
no_forecast: NoForecast | null, 
/**
 * P(reaching the target on the due date), when there is a forecast.
 */
probability: number | null, 
/**
 * Whether the forecast made the status worse than the pace status.
 */
escalated: boolean, 
/**
 * The reason in words.
 */
reason: string, };

export type ScopeKind = "person" | "team" | "unit" | "all";

export type SearchResults = { 
/**
 * Goals by title.
 */
goals: Array<GoalLink>, 
/**
 * People by name, email or title.
 */
people: Array<PersonHit>, 
/**
 * Org units by name.
 */
units: Array<UnitHit>, };

export type SignInInput = { 
/**
 * The server's address, e.g. `https://stride.example.com`.
 */
serverUrl: string, 
/**
 * The account's email.
 */
email: string, 
/**
 * The password (sent once; only the token is kept, in the OS keychain).
 */
password: string, };

export type SmartCheck = { 
/**
 * Per criterion.
 */
criteria: Criteria, 
/**
 * 0–100.
 */
score: number, 
/**
 * The sentence as given.
 */
statement: string, 
/**
 * Which way the metric goes.
 */
direction: SmartDirection | null, 
/**
 * What is measured ("average order processing time").
 */
metric: string | null, 
/**
 * `%`, an ISO currency code, `minutes|hours|days|weeks|months`, or the
 * counted noun in plural lower case.
 */
unit: string | null, 
/**
 * The starting value ("from 48 hours").
 */
baseline: number | null, 
/**
 * The value to reach or hold ("to 32 hours", "above 99.9%").
 */
target: number | null, 
/**
 * A stated change ("by 25%").
 */
change: Change | null, 
/**
 * The last day of the stated period.
 */
deadline: string | null, 
/**
 * How ("the by … / through … / via … part").
 */
method: string | null, 
/**
 * Activity rates ("20 outbound calls per day").
 */
leading_indicators: Array<LeadingIndicator>, };

export type SmartDirection = "increase" | "decrease" | "maintain" | "achieve";

export type StartEmptyInput = { 
/**
 * Your name.
 */
name: string, 
/**
 * Your work email.
 */
email: string, 
/**
 * Your job title (may be empty).
 */
title: string, 
/**
 * Your organisation's name.
 */
organisation: string, };

export type StatusCounts = { 
/**
 * On track.
 */
onTrack: number, 
/**
 * At risk.
 */
atRisk: number, 
/**
 * Off track.
 */
offTrack: number, 
/**
 * Done.
 */
done: number, 
/**
 * Missed.
 */
missed: number, };

export type SyncPhase = "off" | "signed_out" | "idle" | "syncing" | "offline" | "error";

export type SyncStatus = { 
/**
 * Where sync stands.
 */
phase: SyncPhase, 
/**
 * One sentence for people ("Up to date.", "Cannot reach … 3 changes wait on this computer.").
 */
message: string, 
/**
 * The server this database syncs with.
 */
serverUrl: string | null, 
/**
 * The account it syncs as.
 */
email: string | null, 
/**
 * When a sync last reached the server's head (RFC 3339).
 */
lastSyncAt: string | null, 
/**
 * When the last attempt ended (RFC 3339), successful or not.
 */
lastAttemptAt: string | null, 
/**
 * Changes made here that the server has not taken yet.
 */
pending: number, 
/**
 * Changes the server refused, not yet dismissed.
 */
needsAttention: number, 
/**
 * Conflicts not yet dismissed.
 */
conflicts: number, 
/**
 * Whether this database holds people made on this computer (the demo
 * or a local organisation), which keeps it from connecting.
 */
localOrganisation: boolean, };

export type TeamMember = { 
/**
 * The person.
 */
person: PersonId, 
/**
 * Name.
 */
name: string, 
/**
 * Job title.
 */
title: string, 
/**
 * Goals they own (every state).
 */
goals: number, 
/**
 * Their tracked goals by status.
 */
counts: StatusCounts, 
/**
 * Their latest check-in on any goal, up to the date.
 */
lastCheckIn: string | null, 
/**
 * Share of their active, started goals checked in within cadence.
 */
checkInCompliance: number | null, };

export type TeamSplit = "copy" | "divide";

export type TemplateView = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Department (`sales`, `hr`, …, `development`).
 */
department: string, 
/**
 * Short title.
 */
title: string, 
/**
 * The sentence with `{slots}`.
 */
sentence: string, 
/**
 * The sentence filled with the example values: a starting point to edit.
 */
exampleSentence: string, 
/**
 * Default check-in cadence.
 */
cadence: Cadence, 
/**
 * Category.
 */
category: Category, };

export type UnitHit = { 
/**
 * The unit.
 */
id: OrgUnitId, 
/**
 * Name.
 */
name: string, 
/**
 * `company`, `division`, `department` or `team`.
 */
kind: string, 
/**
 * Its lead's name, if any.
 */
lead: string | null, };

export type UnitKind = "number" | "percent" | "currency" | "duration" | "count" | "binary";

export type UnitStatus = { 
/**
 * The unit.
 */
unit: OrgUnitId, 
/**
 * Its name.
 */
name: string, 
/**
 * Counts.
 */
counts: StatusCounts, };

/** Every Rust command, typed. Failures reject with an `IpcError`. */
export const commands = {
  appInfo: () => invoke<AppInfo>("app_info"),
  onboardingState: () => invoke<OnboardingState>("onboarding_state"),
  openDemo: () => invoke<OnboardingState>("open_demo"),
  startEmpty: (input: StartEmptyInput) => invoke<OnboardingState>("start_empty", { input }),
  listGoals: (input: ListGoalsInput) => invoke<Array<GoalSummary>>("list_goals", { input }),
  goalDetail: (id: string, asOf: string | null) => invoke<GoalDetail>("goal_detail", { id, asOf }),
  goalMap: (input: GoalMapInput) => invoke<CascadeLevel>("goal_map", { input }),
  goalMapSearch: (text: string, unit: string | null) => invoke<Array<CascadeHit>>("goal_map_search", { text, unit }),
  dashboard: (asOf: string | null, cycle: string | null) => invoke<Dashboard>("dashboard", { asOf, cycle }),
  addCheckIn: (input: CheckInInput) => invoke<CheckIn>("add_check_in", { input }),
  undoCheckIn: (id: string) => invoke<GoalId>("undo_check_in", { id }),
  reviseGoal: (input: ReviseInput) => invoke<Array<Revision>>("revise_goal", { input }),
  checkGoal: (input: CheckGoalInput) => invoke<SmartCheck>("check_goal", { input }),
  goalFormDefaults: (input: CheckGoalInput) => invoke<GoalFormDefaults>("goal_form_defaults", { input }),
  createGoal: (input: NewGoalInput) => invoke<GoalId>("create_goal", { input }),
  goalTemplates: () => invoke<Array<TemplateView>>("goal_templates"),
  searchGoals: (text: string, limit: number | null) => invoke<Array<GoalLink>>("search_goals", { text, limit }),
  applyToTeam: (input: ApplyToTeamInput) => invoke<Array<GoalId>>("apply_to_team", { input }),
  ownerChoices: () => invoke<Array<OwnerChoice>>("owner_choices"),
  goalInsight: (id: string, asOf: string | null, dark: boolean) => invoke<GoalInsight>("goal_insight", { id, asOf, dark }),
  teamOverview: (asOf: string | null) => invoke<Array<TeamMember>>("team_overview", { asOf }),
  alignmentProblems: () => invoke<AlignmentProblems>("alignment_problems"),
  dashboardCharts: (asOf: string | null, cycle: string | null, dark: boolean) => invoke<DashboardCharts>("dashboard_charts", { asOf, cycle, dark }),
  inbox: (asOf: string | null) => invoke<Array<InboxItem>>("inbox", { asOf }),
  setAlertState: (input: AlertStateInput) => invoke<null>("set_alert_state", { input }),
  weeklyDigest: (asOf: string | null) => invoke<DigestView>("weekly_digest", { asOf }),
  saveDigest: (asOf: string | null) => invoke<string>("save_digest", { asOf }),
  cycles: () => invoke<Array<Cycle>>("cycles"),
  globalSearch: (text: string) => invoke<SearchResults>("global_search", { text }),
  kpis: () => invoke<Array<KpiView>>("kpis"),
  syncStatus: () => invoke<SyncStatus>("sync_status"),
  syncSignIn: (input: SignInInput) => invoke<SyncStatus>("sync_sign_in", { input }),
  syncNow: () => invoke<SyncStatus>("sync_now"),
  syncSignOut: () => invoke<SyncStatus>("sync_sign_out"),
  syncConflicts: () => invoke<Array<ConflictView>>("sync_conflicts"),
  keepMine: (id: string) => invoke<null>("keep_mine", { id }),
  dismissConflict: (id: string) => invoke<null>("dismiss_conflict", { id }),
  syncAttention: () => invoke<Array<AttentionView>>("sync_attention"),
  dismissAttention: (opId: string) => invoke<null>("dismiss_attention", { opId }),
} as const;

/** Events the Rust side emits: `changed` after every write (no payload), `progress` during long work (`Progress`), `sync` when the sync status may have changed (`SyncStatus`). */
export const events = {
  changed: "stride://changed",
  progress: "stride://progress",
  sync: "stride://sync",
} as const;
