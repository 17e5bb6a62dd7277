import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CYCLE_STORAGE_KEY } from "./cycle";
import { commands, type Cycle, type Dashboard } from "./ipc/bindings";
import { stubObjectUrls } from "./test/blob";
import { makeGoal, NO_COUNTS } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(),
    inbox: vi.fn(() => Promise.resolve([])),
    listGoals: vi.fn(),
    dashboard: vi.fn(),
    dashboardCharts: vi.fn(),
    cycles: vi.fn(),
  },
}));

const CYCLES: Cycle[] = [
  { id: "c-q1", name: "Q1 2026", start: "2026-01-01", end: "2026-03-31", state: "active" },
  { id: "c-q2", name: "Q2 2026", start: "2026-04-01", end: "2026-06-30", state: "planning" },
  { id: "c-h1", name: "H1 sales push", start: "2026-01-15", end: "2026-05-15", state: "active" },
];

const DASHBOARD: Dashboard = {
  asOf: "2026-03-02",
  counts: { ...NO_COUNTS, onTrack: 3 },
  byUnit: [],
  byCycle: [],
  completionRate: null,
  checkInCompliance: null,
};

function picker(): HTMLSelectElement {
  return screen.getByRole("combobox", { name: "Cycle" });
}

describe("cycle picker", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.cycles).mockResolvedValue(CYCLES);
    vi.mocked(commands.listGoals).mockResolvedValue([makeGoal()]);
    vi.mocked(commands.dashboard).mockResolvedValue(DASHBOARD);
    vi.mocked(commands.dashboardCharts).mockResolvedValue({ statusSvg: "<svg/>", paceSvg: "<svg/>" });
    stubObjectUrls();
  });

  it("offers All cycles and every cycle by name, the active ones marked; All cycles by default", async () => {
    window.location.hash = "#/goals";
    renderApp();
    await screen.findByTestId("goal-list");
    await waitFor(() => {
      expect(within(picker()).getAllByRole("option")).toHaveLength(4);
    });
    expect(within(picker()).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "All cycles",
      "Q1 2026 (active)",
      "Q2 2026",
      "H1 sales push (active)",
    ]);
    expect(picker()).toHaveValue("");
    expect(commands.listGoals).toHaveBeenCalledWith(expect.objectContaining({ scope: "all", cycle: null }));
  });

  it("passes the cycle to list_goals, remembers it and applies it on Analytics too", async () => {
    window.location.hash = "#/goals";
    const { user } = renderApp();
    await screen.findByTestId("goal-list");
    await screen.findByRole("option", { name: "Q2 2026" });
    await user.selectOptions(picker(), "c-q2");
    await waitFor(() => {
      expect(commands.listGoals).toHaveBeenLastCalledWith(expect.objectContaining({ scope: "all", cycle: "c-q2", offset: 0 }));
    });
    expect(window.localStorage.getItem(CYCLE_STORAGE_KEY)).toBe("c-q2");
    expect(picker()).toHaveValue("c-q2");

    window.location.hash = "#/analytics";
    await screen.findByTestId("analytics-tiles");
    expect(commands.dashboard).toHaveBeenCalledWith(null, "c-q2");
    expect(commands.dashboard).not.toHaveBeenCalledWith(null, null);
    await waitFor(() => {
      expect(commands.dashboardCharts).toHaveBeenCalledWith(null, "c-q2", false);
    });
    expect(picker()).toHaveValue("c-q2");
    expect(screen.getByTestId("analytics-as-of")).toHaveTextContent("in Q2 2026");

    // Back to every cycle from Analytics.
    await user.selectOptions(picker(), "");
    await waitFor(() => {
      expect(commands.dashboard).toHaveBeenLastCalledWith(null, null);
    });
    expect(window.localStorage.getItem(CYCLE_STORAGE_KEY)).toBeNull();
  });

  it("starts with the remembered cycle after a restart", async () => {
    window.localStorage.setItem(CYCLE_STORAGE_KEY, "c-h1");
    window.location.hash = "#/analytics";
    renderApp();
    await screen.findByTestId("analytics-tiles");
    expect(commands.dashboard).toHaveBeenCalledWith(null, "c-h1");
    await waitFor(() => {
      expect(picker()).toHaveValue("c-h1");
    });
  });

  it("keeps the toolbar when a cycle has no goals, with a way back to all cycles", async () => {
    vi.mocked(commands.listGoals).mockImplementation((input) => Promise.resolve(input.cycle === null ? [makeGoal()] : []));
    window.localStorage.setItem(CYCLE_STORAGE_KEY, "c-q2");
    window.location.hash = "#/goals";
    const { user } = renderApp();
    const note = await screen.findByTestId("no-cycle-goals");
    await waitFor(() => {
      expect(note).toHaveTextContent("No goals in Q2 2026.");
    });
    await user.click(within(note).getByRole("button", { name: "Show all cycles" }));
    expect(await screen.findByTestId("goal-row")).toBeInTheDocument();
    expect(picker()).toHaveValue("");
  });

  it("shows loading, then the core's error, and still lets every cycle be shown", async () => {
    let fail: (reason: unknown) => void = () => undefined;
    vi.mocked(commands.cycles).mockReturnValue(
      new Promise((_resolve, reject) => {
        fail = reject;
      }),
    );
    window.location.hash = "#/analytics";
    renderApp();
    await screen.findByTestId("analytics-tiles");
    expect(picker()).toHaveAttribute("aria-busy", "true");
    fail({ code: "storage", message: "database is locked", field: null });
    expect(await screen.findByTestId("cycle-picker-hint")).toHaveTextContent("database is locked");
    expect(picker()).toHaveAccessibleDescription(/database is locked/);
    expect(within(picker()).getAllByRole("option").map((o) => o.textContent)).toEqual(["All cycles"]);
  });

  it("says so when there are no cycles", async () => {
    vi.mocked(commands.cycles).mockResolvedValue([]);
    window.location.hash = "#/analytics";
    renderApp();
    expect(await screen.findByTestId("cycle-picker-hint")).toHaveTextContent("No cycles yet");
  });

  it("treats a remembered cycle that no longer exists as all cycles", async () => {
    window.localStorage.setItem(CYCLE_STORAGE_KEY, "c-gone");
    window.location.hash = "#/goals";
    renderApp();
    await screen.findByTestId("goal-list");
    await waitFor(() => {
      expect(commands.listGoals).toHaveBeenLastCalledWith(expect.objectContaining({ cycle: null }));
    });
    expect(picker()).toHaveValue("");
  });
});
