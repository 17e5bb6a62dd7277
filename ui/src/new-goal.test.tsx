import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { parseLocaleNumber } from "./format";
import {
  commands,
  type CheckGoalInput,
  type Criteria,
  type GoalFormDefaults,
  type GoalLink,
  type IpcError,
  type NewGoalInput,
  type SmartCheck,
  type TemplateView,
} from "./ipc/bindings";
import { uiFieldFor } from "./screens/NewGoalScreen";
import { makeDetail } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(), inbox: vi.fn(() => Promise.resolve([])),
    listGoals: vi.fn(),
    goalDetail: vi.fn(),
    goalInsight: vi.fn(),
    checkGoal: vi.fn(),
    goalFormDefaults: vi.fn(),
    createGoal: vi.fn(),
    goalTemplates: vi.fn(),
    searchGoals: vi.fn(),
    ownerChoices: vi.fn(() => Promise.resolve([])),
  },
}));

const OPS =
  "Reduce average order processing time from 48 hours to 32 hours by Q2 2026 by implementing automated workflow routing and eliminating manual approval bottlenecks.";
const VAGUE = "Improve customer satisfaction.";
const OPS_METHOD = "implementing automated workflow routing and eliminating manual approval bottlenecks";

const MET = (hint: string) => ({ met: true, hint });

function criteria(overrides: Partial<Criteria> = {}, parents: string[] = []): Criteria {
  return {
    specific: MET("Names the metric and the change."),
    measurable: MET("From 48 to 32 hours."),
    achievable: { met: null, hint: "No history for this metric yet." },
    relevant:
      parents.length > 0
        ? MET("Aligned to a parent goal.")
        : { met: false, hint: "Align it to a team or company goal." },
    time_bound: MET("Due by 30 June 2026."),
    ...overrides,
  };
}

function checkFor(input: CheckGoalInput): SmartCheck {
  const base: SmartCheck = {
    statement: input.statement,
    direction: null,
    metric: null,
    unit: null,
    baseline: null,
    target: null,
    change: null,
    deadline: null,
    method: null,
    leading_indicators: [],
    criteria: criteria(
      {
        specific: { met: false, hint: "Say what is measured." },
        measurable: { met: false, hint: "Add a number to reach." },
        time_bound: { met: false, hint: "Add a date." },
      },
      input.parents,
    ),
    score: 10,
  };
  if (input.statement === OPS) {
    return {
      ...base,
      direction: "decrease",
      metric: "average order processing time",
      unit: "hours",
      baseline: 48,
      target: 32,
      deadline: "2026-06-30",
      method: OPS_METHOD,
      criteria: criteria({ achievable: MET("Within what similar goals reached.") }, input.parents),
      score: input.parents.length > 0 ? 100 : 80,
    };
  }
  if (input.statement === VAGUE) {
    return {
      ...base,
      direction: "increase",
      metric: "customer satisfaction",
      criteria: criteria(
        {
          specific: MET("Names what should change: customer satisfaction."),
          measurable: { met: false, hint: "Add a number to reach, e.g. “from 72 to 80 CSAT”." },
          time_bound: { met: false, hint: "Add a deadline, e.g. “by the end of Q3”." },
        },
        input.parents,
      ),
      score: 35,
    };
  }
  return base;
}

const BLANK_DEFAULTS: GoalFormDefaults = {
  title: "",
  metricName: "",
  direction: "increase",
  unit: "number",
  unitLabel: "",
  baseline: null,
  target: null,
  start: "2026-04-01",
  due: null,
  method: "",
  category: "performance",
};

function defaultsFor(input: CheckGoalInput): GoalFormDefaults {
  if (input.statement.startsWith(OPS)) {
    // A longer sentence that starts with the example moves the target (used to test edited fields).
    const longer = input.statement !== OPS;
    return {
      title: "Reduce average order processing time",
      metricName: "average order processing time",
      direction: "decrease",
      unit: "duration",
      unitLabel: "hours",
      baseline: longer ? 50 : 48,
      target: longer ? 28 : 32,
      start: "2026-04-01",
      due: "2026-06-30",
      method: OPS_METHOD,
      category: "performance",
    };
  }
  if (input.statement === VAGUE) {
    return { ...BLANK_DEFAULTS, title: "Improve customer satisfaction", metricName: "customer satisfaction" };
  }
  return BLANK_DEFAULTS;
}

const TEMPLATES: TemplateView[] = [
  {
    id: "sales-revenue",
    department: "sales",
    title: "Grow revenue",
    sentence: "Increase {metric} from {from} to {to} by {period}.",
    exampleSentence: "Increase quarterly new-business revenue from $1.2M to $1.5M by the end of Q3 2026.",
    cadence: { kind: "biweekly" },
    category: "performance",
  },
  {
    id: "ops-cycle-time",
    department: "operations",
    title: "Cut cycle time",
    sentence: "Reduce {metric} from {from} to {to} by {period}.",
    exampleSentence: OPS,
    cadence: { kind: "weekly" },
    category: "performance",
  },
  {
    id: "dev-certification",
    department: "development",
    title: "Earn a certification",
    sentence: "Earn the {certification} by {date}.",
    exampleSentence: "Earn the AWS Solutions Architect Associate certification by 30 September 2026.",
    cadence: { kind: "monthly" },
    category: "development",
  },
];

const COMPANY_GOAL: GoalLink = { id: "g-company", title: "Deliver orders faster", weight: 1 };

function lastCheckInput(): CheckGoalInput | undefined {
  return vi.mocked(commands.checkGoal).mock.lastCall?.[0];
}

function input(testId: string): HTMLInputElement {
  return screen.getByTestId<HTMLInputElement>(testId);
}

async function openNewGoal() {
  window.location.hash = "#/goals/new";
  const app = renderApp();
  expect(await screen.findByRole("heading", { level: 1, name: "New goal" })).toBeInTheDocument();
  return app;
}

/** Put a sentence in the textarea and wait until the form follows it. */
async function writeSentence(user: ReturnType<typeof renderApp>["user"], text: string) {
  const box = screen.getByTestId("goal-statement");
  await user.click(box);
  await user.paste(text);
  await waitFor(() => {
    expect(lastCheckInput()?.statement).toBe(text.trim());
  });
}

describe("New goal", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.listGoals).mockResolvedValue([]);
    vi.mocked(commands.checkGoal).mockImplementation((i) => Promise.resolve(checkFor(i)));
    vi.mocked(commands.goalFormDefaults).mockImplementation((i) => Promise.resolve(defaultsFor(i)));
    vi.mocked(commands.goalTemplates).mockResolvedValue(TEMPLATES);
    vi.mocked(commands.searchGoals).mockResolvedValue([COMPANY_GOAL, { id: "g-other", title: "Delight customers", weight: 1 }]);
    vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail({}, { id: "g-new", title: "Reduce average order processing time" }));
    vi.mocked(commands.goalInsight).mockRejectedValue({ code: "internal", message: "no chart in this test", field: null });
  });

  it("reads the operations example as it is typed: fields fill in and every criterion shows its state", async () => {
    const { user } = await openNewGoal();
    expect(document.querySelector("main#content")).toHaveAttribute("data-screen", "new-goal");
    expect(screen.getByLabelText("Write the goal as a sentence")).toBe(screen.getByTestId("goal-statement"));
    expect(screen.getByTestId("smart-empty")).toBeInTheDocument();

    await user.type(screen.getByTestId("goal-statement"), OPS);

    await waitFor(() => {
      expect(input("goal-baseline-input")).toHaveValue("48");
    });
    expect(input("goal-target-input")).toHaveValue("32");
    expect(input("goal-unit-input")).toHaveValue("hours");
    expect(input("goal-due-input")).toHaveValue("2026-06-30");
    expect(input("goal-start-input")).toHaveValue("2026-04-01");
    expect(input("goal-title-input")).toHaveValue("Reduce average order processing time");
    expect(input("goal-metric-input")).toHaveValue("average order processing time");
    expect(input("goal-method-input")).toHaveValue(OPS_METHOD);
    expect(screen.getByTestId<HTMLSelectElement>("goal-direction-input")).toHaveValue("decrease");
    expect(screen.getByTestId("from-sentence-target")).toHaveTextContent("from your sentence");

    // Debounced: typing 160 characters did not cost 160 checks.
    expect(vi.mocked(commands.checkGoal).mock.calls.length).toBeLessThan(20);
    expect(commands.checkGoal).toHaveBeenLastCalledWith({ statement: OPS, owner: null, parents: [], today: null });
    expect(commands.goalFormDefaults).toHaveBeenLastCalledWith({ statement: OPS, owner: null, parents: [], today: null });

    const panel = screen.getByTestId("smart-panel");
    await waitFor(() => {
      expect(within(panel).getByTestId("smart-score")).toHaveTextContent("80");
    });
    for (const key of ["specific", "measurable", "achievable", "time_bound"]) {
      expect(within(panel).getByTestId(`criterion-${key}`)).toHaveAttribute("data-met", "true");
    }
    expect(within(panel).getByTestId("criterion-relevant")).toHaveAttribute("data-met", "false");
    expect(within(panel).getByTestId("criterion-relevant")).toHaveTextContent("Align it to a team or company goal.");
    expect(within(panel).getByTestId("criterion-relevant")).toHaveTextContent("Missing");
  }, 15_000);

  it("flags measurable and time-bound on a vague sentence, with hints", async () => {
    const { user } = await openNewGoal();
    await writeSentence(user, VAGUE);
    const measurable = await screen.findByTestId("criterion-measurable");
    await waitFor(() => {
      expect(measurable).toHaveAttribute("data-met", "false");
    });
    expect(measurable).toHaveTextContent("Missing");
    expect(measurable).toHaveTextContent("Add a number to reach, e.g. “from 72 to 80 CSAT”.");
    const timeBound = screen.getByTestId("criterion-time_bound");
    expect(timeBound).toHaveAttribute("data-met", "false");
    expect(timeBound).toHaveTextContent("Add a deadline, e.g. “by the end of Q3”.");
    expect(screen.getByTestId("criterion-specific")).toHaveAttribute("data-met", "true");
    expect(screen.getByTestId("criterion-achievable")).toHaveAttribute("data-met", "unknown");
    expect(screen.getByTestId("criterion-achievable")).toHaveTextContent("Can't tell yet");
    expect(screen.getByTestId("smart-score")).toHaveTextContent("35");
    expect(input("goal-target-input")).toHaveValue("");
    expect(input("goal-due-input")).toHaveValue("");
  });

  it("stops overwriting a field once it is edited, and can reset it to the sentence", async () => {
    const { user } = await openNewGoal();
    await writeSentence(user, OPS);
    await waitFor(() => {
      expect(input("goal-target-input")).toHaveValue("32");
    });

    await user.clear(input("goal-target-input"));
    await user.type(input("goal-target-input"), "30");
    expect(screen.queryByTestId("from-sentence-target")).not.toBeInTheDocument();
    expect(screen.getByTestId("reset-target")).toBeInTheDocument();

    // The sentence changes: untouched fields follow it, the edited target does not.
    await user.click(screen.getByTestId("goal-statement"));
    await user.keyboard("{End} Owner: ops team.");
    await waitFor(() => {
      expect(input("goal-baseline-input")).toHaveValue("50");
    });
    expect(input("goal-target-input")).toHaveValue("30");
    expect(screen.getByTestId("from-sentence-baseline")).toBeInTheDocument();

    await user.click(screen.getByTestId("reset-target"));
    expect(input("goal-target-input")).toHaveValue("28");
    expect(screen.getByTestId("from-sentence-target")).toBeInTheDocument();
  });

  it("starts from a template grouped by department", async () => {
    const { user } = await openNewGoal();
    const picker = screen.getByTestId<HTMLSelectElement>("template-picker");
    await waitFor(() => {
      expect(picker).toBeEnabled();
    });
    const groups = [...picker.querySelectorAll("optgroup")].map((g) => g.label);
    expect(groups).toEqual(["Sales", "Operations", "Skills & development"]);
    expect(screen.getByTestId("template-dev-certification")).toHaveTextContent("Earn a certification");

    await user.selectOptions(picker, screen.getByTestId("template-ops-cycle-time"));
    expect(screen.getByTestId("goal-statement")).toHaveValue(OPS);
    await waitFor(() => {
      expect(input("goal-baseline-input")).toHaveValue("48");
    });
    expect(lastCheckInput()).toEqual({ statement: OPS, owner: null, parents: [], today: null });

    await user.selectOptions(picker, "sales-revenue");
    expect(screen.getByTestId("goal-statement")).toHaveValue(TEMPLATES[0]?.exampleSentence);
    expect(screen.getByTestId<HTMLSelectElement>("goal-cadence-input")).toHaveValue("biweekly");
  });

  it("adds a parent from search and checks the sentence again with it", async () => {
    const { user } = await openNewGoal();
    await writeSentence(user, OPS);
    await waitFor(() => {
      expect(screen.getByTestId("criterion-relevant")).toHaveAttribute("data-met", "false");
    });

    await user.type(screen.getByTestId("parent-search"), "orders");
    const [first] = await screen.findAllByTestId("parent-result");
    expect(commands.searchGoals).toHaveBeenLastCalledWith("orders", 8);
    if (!first) throw new Error("no result");
    expect(first).toHaveTextContent("Deliver orders faster");
    await user.click(first);

    const chip = screen.getByTestId("parent-chip");
    expect(chip).toHaveAttribute("data-goal-id", "g-company");
    expect(chip).toHaveTextContent("Deliver orders faster");
    expect(within(chip).getByTestId("parent-weight")).toHaveValue("1");
    expect(screen.getByTestId("parent-search")).toHaveValue("");

    await waitFor(() => {
      expect(lastCheckInput()).toEqual({ statement: OPS, owner: null, parents: ["g-company"], today: null });
    });
    await waitFor(() => {
      expect(screen.getByTestId("criterion-relevant")).toHaveAttribute("data-met", "true");
    });
    expect(screen.getByTestId("smart-score")).toHaveTextContent("100");

    await user.click(within(chip).getByTestId("parent-remove"));
    expect(screen.queryByTestId("parent-chip")).not.toBeInTheDocument();
  });

  it("saves the form as a NewGoalInput, then shows the goal", async () => {
    vi.mocked(commands.createGoal).mockResolvedValue("g-new");
    const { user } = await openNewGoal();
    await writeSentence(user, `${OPS}\n`);
    await waitFor(() => {
      expect(input("goal-due-input")).toHaveValue("2026-06-30");
    });
    await user.type(screen.getByTestId("parent-search"), "orders");
    await user.click((await screen.findAllByTestId("parent-result"))[0] ?? document.body);
    await user.clear(within(screen.getByTestId("parent-chip")).getByTestId("parent-weight"));
    await user.type(within(screen.getByTestId("parent-chip")).getByTestId("parent-weight"), "0.5");
    await user.selectOptions(screen.getByTestId("goal-kind-input"), "key_result");
    await user.clear(input("goal-weight-input"));
    await user.type(input("goal-weight-input"), "2");
    await user.click(screen.getByTestId("checkpoint-add"));
    await user.type(screen.getByTestId("checkpoint-date"), "2026-05-15");
    await user.type(screen.getByTestId("checkpoint-expected"), "1,040.5");
    await user.type(screen.getByTestId("checkpoint-label"), "halfway");

    await user.click(screen.getByTestId("goal-save"));

    const expected: NewGoalInput = {
      statement: OPS,
      title: "Reduce average order processing time",
      kind: "key_result",
      ownerPerson: null,
      ownerUnit: null,
      method: OPS_METHOD,
      category: "performance",
      metricName: "average order processing time",
      unit: "duration",
      unitLabel: "hours",
      direction: "decrease",
      baseline: 48,
      target: 32,
      bandLow: null,
      bandHigh: null,
      start: "2026-04-01",
      due: "2026-06-30",
      weight: 2,
      cadence: { kind: "weekly" },
      checkpoints: [{ date: "2026-05-15", expected: 1040.5, label: "halfway" }],
      parents: [{ goal: "g-company", weight: 0.5 }],
    };
    await waitFor(() => {
      expect(commands.createGoal).toHaveBeenCalledWith(expected);
    });
    expect(await screen.findByTestId("toast")).toHaveTextContent("Goal saved");
    await waitFor(() => {
      expect(window.location.hash).toBe("#/goals/g-new");
    });
    expect(document.querySelector("main#content")).toHaveAttribute("data-screen", "goal");
  });

  it("gives the goal to a report or a unit I lead, and judges it against that person's history", async () => {
    vi.mocked(commands.ownerChoices).mockResolvedValue([
      { kind: "person", id: "p-me", name: "Maria Lopez", detail: "You" },
      { kind: "person", id: "p-omar", name: "Omar Haddad", detail: "Operations analyst" },
      { kind: "unit", id: "u-ops", name: "Operations", detail: "department" },
    ]);
    vi.mocked(commands.createGoal).mockResolvedValue("g-omar");
    const { user } = await openNewGoal();
    const owner = await screen.findByTestId("goal-owner-input");
    await waitFor(() => {
      expect(within(owner).getByRole("option", { name: "Omar Haddad · Operations analyst" })).toBeInTheDocument();
    });
    expect(within(owner).getByRole("group", { name: "Units I lead" })).toHaveTextContent("Operations");
    expect(within(owner).queryByRole("option", { name: /Maria Lopez · You/ })).toBeNull();
    await writeSentence(user, OPS);
    await waitFor(() => {
      expect(lastCheckInput()).toEqual({ statement: OPS, owner: null, parents: [], today: null });
    });
    // A unit's goal is judged against my history.
    await user.selectOptions(owner, "unit:u-ops");
    await user.selectOptions(owner, "person:p-omar");
    await waitFor(() => {
      expect(lastCheckInput()).toEqual({ statement: OPS, owner: "p-omar", parents: [], today: null });
    });
    await waitFor(() => {
      expect(input("goal-due-input")).toHaveValue("2026-06-30");
    });
    await user.click(screen.getByTestId("goal-save"));
    await waitFor(() => {
      expect(commands.createGoal).toHaveBeenCalledWith(expect.objectContaining({ ownerPerson: "p-omar", ownerUnit: null }));
    });
  });

  it("saves with Ctrl+Enter and sends a band for within_band", async () => {
    vi.mocked(commands.createGoal).mockResolvedValue("g-band");
    const { user } = await openNewGoal();
    await writeSentence(user, OPS);
    await waitFor(() => {
      expect(input("goal-target-input")).toHaveValue("32");
    });
    await user.selectOptions(screen.getByTestId("goal-direction-input"), "within_band");
    expect(screen.queryByTestId("goal-target-input")).not.toBeInTheDocument();
    await user.type(input("goal-band-low-input"), "30");
    await user.type(input("goal-band-high-input"), "34.5");
    await user.keyboard("{Control>}{Enter}{/Control}");
    await waitFor(() => {
      expect(commands.createGoal).toHaveBeenCalledTimes(1);
    });
    expect(commands.createGoal).toHaveBeenLastCalledWith(
      expect.objectContaining({ direction: "within_band", baseline: 48, target: null, bandLow: 30, bandHigh: 34.5 }),
    );

  });

  it("hides the numbers of a done / not-done goal and sends none", async () => {
    vi.mocked(commands.createGoal).mockResolvedValue("g-done");
    const { user } = await openNewGoal();
    await writeSentence(user, OPS);
    await waitFor(() => {
      expect(input("goal-target-input")).toHaveValue("32");
    });
    await user.selectOptions(screen.getByTestId("goal-direction-input"), "done");
    expect(screen.queryByTestId("goal-baseline-input")).not.toBeInTheDocument();
    expect(screen.queryByTestId("goal-target-input")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("goal-save"));
    await waitFor(() => {
      expect(commands.createGoal).toHaveBeenCalledTimes(1);
    });
    expect(commands.createGoal).toHaveBeenLastCalledWith(
      expect.objectContaining({ direction: "done", unit: "binary", baseline: null, target: null, bandLow: null, bandHigh: null }),
    );
  });

  it("shows a field error from the core next to its field and focuses it", async () => {
    const error: IpcError = { code: "invalid_input", field: "due", message: "due: must be on or after the start (2026-04-01)" };
    vi.mocked(commands.createGoal).mockRejectedValueOnce(error);
    const { user } = await openNewGoal();
    await writeSentence(user, OPS);
    await waitFor(() => {
      expect(input("goal-due-input")).toHaveValue("2026-06-30");
    });
    await user.click(screen.getByTestId("goal-save"));
    const message = await screen.findByTestId("field-error-due");
    expect(message).toHaveTextContent("Must be on or after the start (2026-04-01)");
    expect(input("goal-due-input")).toHaveFocus();
    expect(input("goal-due-input")).toHaveAttribute("aria-invalid", "true");
    expect(input("goal-due-input")).toHaveAccessibleDescription(expect.stringContaining("Must be on or after") as string);
    expect(window.location.hash).toBe("#/goals/new");
    expect(screen.queryByTestId("goal-save-error")).not.toBeInTheDocument();
  });

  it("maps Rust field names and shows other errors in an alert", async () => {
    vi.mocked(commands.createGoal)
      .mockRejectedValueOnce({ code: "invalid_input", field: "checkpoints[0].date", message: "checkpoints[0].date: must be within the goal's dates" })
      .mockRejectedValueOnce({ code: "storage", field: null, message: "database is locked" });
    const { user } = await openNewGoal();
    await writeSentence(user, OPS);
    await waitFor(() => {
      expect(input("goal-due-input")).toHaveValue("2026-06-30");
    });
    await user.click(screen.getByTestId("checkpoint-add"));
    await user.type(screen.getByTestId("checkpoint-date"), "2027-01-01");
    await user.type(screen.getByTestId("checkpoint-expected"), "40");
    await user.click(screen.getByTestId("goal-save"));
    expect(await screen.findByTestId("field-error-checkpoints")).toHaveTextContent("Must be within the goal's dates");
    expect(screen.getByTestId("checkpoint-date")).toHaveFocus();

    await user.click(screen.getByTestId("goal-save"));
    const alert = await screen.findByTestId("goal-save-error");
    expect(alert).toHaveAttribute("role", "alert");
    expect(alert).toHaveTextContent("database is locked");
    expect(screen.queryByTestId("field-error-checkpoints")).not.toBeInTheDocument();
  });

  it("checks numbers before saving and never sends NaN", async () => {
    const { user } = await openNewGoal();
    await writeSentence(user, OPS);
    await waitFor(() => {
      expect(input("goal-target-input")).toHaveValue("32");
    });
    await user.clear(input("goal-target-input"));
    await user.type(input("goal-target-input"), "about 30");
    await user.click(screen.getByTestId("goal-save"));
    expect(await screen.findByTestId("field-error-target")).toHaveTextContent("Enter a number");
    expect(input("goal-target-input")).toHaveFocus();
    expect(commands.createGoal).not.toHaveBeenCalled();
  });
});

describe("number and field helpers", () => {
  it("reads numbers the way people type them", () => {
    expect(parseLocaleNumber("48", ".")).toBe(48);
    expect(parseLocaleNumber("1,200", ".")).toBe(1200);
    expect(parseLocaleNumber("2.5", ".")).toBe(2.5);
    expect(parseLocaleNumber(" 1 200 ", ".")).toBe(1200);
    expect(parseLocaleNumber("1,200,000.75", ".")).toBe(1200000.75);
    expect(parseLocaleNumber("-3", ".")).toBe(-3);
    expect(parseLocaleNumber("2,5", ",")).toBe(2.5);
    expect(parseLocaleNumber("1.200", ",")).toBe(1200);
    expect(parseLocaleNumber("1.200,5", ",")).toBe(1200.5);
    expect(parseLocaleNumber("2.5", ",")).toBe(2.5);
    for (const bad of ["", "  ", "abc", "1.2.3,4.5", "NaN", "Infinity", "12abc", "-"]) {
      expect(parseLocaleNumber(bad, "."), bad).toBeNull();
    }
  });

  it("maps the core's field names to the form's", () => {
    expect(uiFieldFor("band_low")).toBe("bandLow");
    expect(uiFieldFor("bandHigh")).toBe("bandHigh");
    expect(uiFieldFor("checkpoints[0].date")).toBe("checkpoints");
    expect(uiFieldFor("parents[1].weight")).toBe("parents");
    expect(uiFieldFor("metric_name")).toBe("metricName");
    expect(uiFieldFor("unit_label")).toBe("unitLabel");
    expect(uiFieldFor("owner_person")).toBe("owner");
    expect(uiFieldFor("cadence.days")).toBe("cadence");
    expect(uiFieldFor("weight")).toBe("weight");
    expect(uiFieldFor("cycle")).toBeNull();
  });
});
