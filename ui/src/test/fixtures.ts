import type { GoalDetail, GoalInsight, GoalSummary, RiskAssessment, StatusCounts, TeamMember } from "../ipc";

export function makeGoal(overrides: Partial<GoalSummary> = {}): GoalSummary {
  return {
    id: "g-1",
    title: "Cut order processing time",
    kind: "smart_goal",
    owner: { type: "person", id: "p-1" },
    ownerName: "Maria Keller",
    direction: "decrease",
    unit: "duration",
    unitLabel: "hours",
    baseline: 48,
    target: 32,
    bandLow: null,
    bandHigh: null,
    start: "2026-01-01",
    due: "2026-06-30",
    state: "active",
    weight: 1,
    current: 40,
    progress: 0.5,
    expectedProgress: 0.6,
    status: "at_risk",
    lastCheckIn: "2026-03-02",
    ...overrides,
  };
}

export function makeDetail(overrides: Partial<GoalDetail> = {}, summary: Partial<GoalSummary> = {}): GoalDetail {
  const s = makeGoal(summary);
  return {
    goal: {
      id: s.id,
      kind: s.kind,
      owner: s.owner,
      statement: "Reduce average order processing time from 48 hours to 32 hours by 30 June 2026.",
      title: s.title,
      method: "automated workflow routing",
      category: "performance",
      metric_name: "average order processing time",
      unit: s.unit,
      unit_label: s.unitLabel,
      direction: s.direction,
      baseline: s.baseline,
      target: s.target,
      band_low: s.bandLow,
      band_high: s.bandHigh,
      start: s.start,
      due: s.due,
      cycle: null,
      weight: s.weight,
      cadence: { kind: "weekly" },
      checkpoints: [{ date: "2026-03-31", expected: 40, label: "quarter review" }],
      state: s.state,
      kpi: null,
    },
    summary: s,
    checkIns: [],
    revisions: [],
    parents: [],
    children: [],
    paths: [],
    originalTarget: null,
    ...overrides,
  };
}

export function makeAssessment(overrides: Partial<RiskAssessment> = {}): RiskAssessment {
  return {
    as_of: "2026-03-02",
    current: 40,
    progress: 0.5,
    expected_progress: 0.6,
    pace_status: "at_risk",
    status: "off_track",
    forecast: {
      due: "2026-06-30",
      value: 38.46,
      low: 34.2,
      high: 42.8,
      level: 0.8,
      sigma: 3.3,
      probability: 0.12,
      slope_per_day: -0.16,
      points_used: 6,
      method: "piecewise_linear",
      dof: 4,
      regime_start: null,
      last_observation: "2026-03-02",
    },
    no_forecast: null,
    probability: 0.12,
    escalated: true,
    reason: "at the current pace of −1.1 h/week, 38.5 h by 30 Jun; target 32 h; 12 % chance",
    ...overrides,
  };
}

export function makeInsight(overrides: Partial<RiskAssessment> = {}, chartSvg = '<svg xmlns="http://www.w3.org/2000/svg"/>'): GoalInsight {
  return {
    assessment: makeAssessment(overrides),
    chartSvg,
    activityWeeks: [],
    chartDescription:
      "Progress of Order processing: 6 check-ins, latest 40 hours on 2026-03-02; target 32 hours by 2026-06-30. Drawn: Check-ins, Expected pace, Target, Baseline, Forecast and range, Today.",
  };
}

export const NO_COUNTS: StatusCounts = { onTrack: 0, atRisk: 0, offTrack: 0, done: 0, missed: 0 };

export function makeMember(overrides: Partial<TeamMember> = {}): TeamMember {
  return {
    person: "p-2",
    name: "Ada Brown",
    title: "Account Executive",
    goals: 3,
    counts: { ...NO_COUNTS, onTrack: 2, atRisk: 1 },
    lastCheckIn: "2026-03-01",
    checkInCompliance: 0.75,
    ...overrides,
  };
}
