import { render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { StatusChip } from "./components/GoalBits";
import { formatPercent, formatValue, parseDay } from "./format";
import { commands, type GoalStatus, type IpcError } from "./ipc/bindings";
import { makeGoal } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({ commands: { appInfo: vi.fn(), onboardingState: vi.fn(), inbox: vi.fn(() => Promise.resolve([])), listGoals: vi.fn(), cycles: vi.fn(() => Promise.resolve([])) } }));

const NO_PROFILE: IpcError = {
  code: "invalid_input",
  message: "Choose a person: this installation has no profile yet.",
  field: "person",
};

const GOALS = [
  makeGoal({ id: "g-off", title: "Ship the mobile app", status: "off_track", ownerName: "Ada Lovelace", progress: 0.1, expectedProgress: 0.7, unit: "percent", unitLabel: "%", current: 12 }),
  makeGoal({ id: "g-risk", title: "Cut order processing time", status: "at_risk" }),
  makeGoal({ id: "g-ok", title: "Grow revenue", status: "on_track", unit: "currency", unitLabel: "USD", current: 1200, lastCheckIn: null }),
];

function rows(): HTMLElement[] {
  return screen.getAllByTestId("goal-row");
}

describe("My week", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
  });

  it("lists my goals in the order the core gives (at risk and off track first)", async () => {
    vi.mocked(commands.listGoals).mockResolvedValue(GOALS);
    renderApp();
    await screen.findByTestId("my-goals");
    expect(commands.listGoals).toHaveBeenCalledWith({
      scope: "person",
      person: null,
      unit: null,
      cycle: null,
      asOf: null,
      limit: null,
      offset: null,
    });
    expect(rows().map((r) => r.getAttribute("data-goal-id"))).toEqual(["g-off", "g-risk", "g-ok"]);
    const [off, risk, ok] = rows();
    if (!off || !risk || !ok) throw new Error("rows missing");

    expect(within(off).getByRole("link", { name: "Ship the mobile app" })).toHaveAttribute("href", "#/goals/g-off");
    expect(within(off).getByTestId("goal-owner")).toHaveTextContent("Ada Lovelace");
    expect(within(off).getByTestId("status-chip")).toHaveTextContent("Off track");
    expect(within(off).getByTestId("goal-row-current")).toHaveTextContent(`${new Intl.NumberFormat().format(12)} %`);
    expect(within(off).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "10");
    expect(within(off).getByRole("progressbar")).toHaveAttribute("aria-valuetext", "10 % done, 70 % expected by now");
    expect(within(off).getByTestId("check-in-button")).toHaveAccessibleName("Check in on Ship the mobile app");

    expect(within(risk).getByTestId("goal-row-current")).toHaveTextContent("40 hours");
    const due = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(new Date(2026, 5, 30));
    expect(within(risk).getByTestId("goal-row-due")).toHaveTextContent(due);
    const last = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(new Date(2026, 2, 2));
    expect(within(risk).getByTestId("goal-row-last-check-in")).toHaveTextContent(last);

    const usd = new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" }).format(1200);
    expect(within(ok).getByTestId("goal-row-current")).toHaveTextContent(usd);
    expect(within(ok).getByTestId("goal-row-last-check-in")).toHaveTextContent("None yet");

    expect(screen.getByTestId("my-goals-summary")).toHaveTextContent("3 goals · 2 need attention");
    expect(screen.queryByTestId("no-profile-note")).not.toBeInTheDocument();
    expect(screen.queryByTestId("empty-state")).not.toBeInTheDocument();
  });

  it("falls back to every goal, with a note, when there is no profile yet", async () => {
    vi.mocked(commands.listGoals).mockRejectedValueOnce(NO_PROFILE).mockResolvedValueOnce(GOALS.slice(0, 2));
    renderApp();
    expect(await screen.findByTestId("no-profile-note")).toHaveTextContent(
      "Showing every goal: this installation has no profile yet",
    );
    expect(rows()).toHaveLength(2);
    expect(commands.listGoals).toHaveBeenCalledTimes(2);
    expect(commands.listGoals).toHaveBeenNthCalledWith(1, expect.objectContaining({ scope: "person" }));
    expect(commands.listGoals).toHaveBeenLastCalledWith(expect.objectContaining({ scope: "all" }));
    expect(screen.getByRole("heading", { level: 2, name: "Every goal" })).toBeInTheDocument();
  });

  it("keeps the honest empty state when there are no goals", async () => {
    vi.mocked(commands.listGoals).mockResolvedValue([]);
    renderApp();
    expect(await screen.findByTestId("empty-state")).toHaveTextContent(/check-ins due this week/);
    expect(screen.queryByTestId("goal-row")).not.toBeInTheDocument();
  });

  it("shows other errors instead of falling back", async () => {
    vi.mocked(commands.listGoals).mockRejectedValue({ code: "storage", message: "database is locked", field: null });
    renderApp();
    expect(await screen.findByTestId("goals-error")).toHaveTextContent("database is locked");
    expect(commands.listGoals).toHaveBeenCalledTimes(1);
  });
});

describe("status chips", () => {
  it.each([
    ["on_track", "On track"],
    ["at_risk", "At risk"],
    ["off_track", "Off track"],
    ["done", "Done"],
    ["missed", "Missed"],
  ] as [GoalStatus, string][])("%s reads %s with its colour class", (status, text) => {
    render(<StatusChip status={status} state="active" />);
    const chip = screen.getByTestId("status-chip");
    expect(chip).toHaveTextContent(text);
    expect(chip).toHaveAttribute("data-status", status);
    expect(chip).toHaveClass(`chip--${status}`);
  });

  it("a goal without a status shows its state", () => {
    render(<StatusChip status={null} state="cancelled" />);
    expect(screen.getByTestId("status-chip")).toHaveTextContent("Cancelled");
    expect(screen.getByTestId("status-chip")).toHaveAttribute("data-status", "none");
  });
});

describe("Goals", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    window.location.hash = "#/goals";
  });

  it("pages through every goal 100 at a time and filters by text and status", async () => {
    const page1 = Array.from({ length: 100 }, (_, i) =>
      makeGoal({ id: `a-${i}`, title: `Goal ${i}`, status: i < 3 ? "off_track" : "on_track" }),
    );
    const page2 = [makeGoal({ id: "b-0", title: "Hire two engineers", ownerName: "Grace Hopper", status: "at_risk" })];
    vi.mocked(commands.listGoals).mockImplementation((input) =>
      Promise.resolve(input.offset === 0 ? page1 : input.offset === 100 ? page2 : []),
    );
    const { user } = renderApp();
    await screen.findByTestId("goal-list");
    expect(commands.listGoals).toHaveBeenCalledWith({
      scope: "all",
      person: null,
      unit: null,
      cycle: null,
      asOf: null,
      limit: 100,
      offset: 0,
    });
    // The table is windowed: all 100 goals are in it (plus the header row), fewer are rendered.
    expect(screen.getByTestId("goal-table")).toHaveAttribute("aria-rowcount", "101");
    expect(rows().length).toBeLessThan(100);
    expect(screen.getByTestId("goals-shown")).toHaveTextContent("100 goals loaded");

    await user.click(screen.getByTestId("load-more"));
    await waitFor(() => {
      expect(screen.getByTestId("goal-table")).toHaveAttribute("aria-rowcount", "102");
    });
    expect(commands.listGoals).toHaveBeenLastCalledWith(expect.objectContaining({ limit: 100, offset: 100 }));
    expect(screen.queryByTestId("load-more")).not.toBeInTheDocument();

    await user.type(screen.getByTestId("goal-filter"), "grace");
    await waitFor(() => {
      expect(rows()).toHaveLength(1);
    });
    expect(rows()[0]).toHaveAttribute("data-goal-id", "b-0");
    expect(screen.getByTestId("goals-shown")).toHaveTextContent("1 of 101 loaded goals match");

    await user.clear(screen.getByTestId("goal-filter"));
    await user.selectOptions(screen.getByTestId("goal-status-filter"), "off_track");
    await waitFor(() => {
      expect(rows()).toHaveLength(3);
    });

    await user.selectOptions(screen.getByTestId("goal-status-filter"), "missed");
    expect(await screen.findByTestId("no-matches")).toBeInTheDocument();
  });
});

describe("formatting", () => {
  const n = (v: number) => new Intl.NumberFormat().format(v);
  it("puts units after numbers and formats currencies", () => {
    expect(formatValue(45.5, "percent", "%")).toBe(`${n(45.5)} %`);
    expect(formatValue(40, "duration", "hours")).toBe("40 hours");
    expect(formatValue(1, "duration", "hours")).toBe("1 hour");
    expect(formatValue(12, "count", "")).toBe("12");
    expect(formatValue(2500, "currency", "EUR")).toBe(
      new Intl.NumberFormat(undefined, { style: "currency", currency: "EUR" }).format(2500),
    );
    expect(formatValue(7, "currency", "credits")).toBe("7 credits");
    expect(formatValue(1, "binary", "")).toBe("Done");
    expect(formatValue(null, "number", "")).toBe("—");
    expect(formatPercent(0.5)).toBe("50 %");
  });

  it("reads core dates and RFC 3339 timestamps (with nanoseconds)", () => {
    expect(parseDay("2026-06-30")?.getDate()).toBe(30);
    expect(parseDay("2026-05-12T09:30:00.123456789Z")?.toISOString()).toBe("2026-05-12T09:30:00.123Z");
    expect(parseDay("not a date")).toBeNull();
  });
});
