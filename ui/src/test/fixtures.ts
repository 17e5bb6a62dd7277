import type { GoalDetail, GoalSummary } from "../ipc";

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
