import { act, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "./ipc/bindings";
import { makeGoal, makeMember, NO_COUNTS } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: { appInfo: vi.fn(), onboardingState: vi.fn(), inbox: vi.fn(() => Promise.resolve([])), teamOverview: vi.fn(), listGoals: vi.fn(), cycles: vi.fn(() => Promise.resolve([])) },
}));

const TEAM = [
  makeMember({ person: "p-2", name: "Ada Brown", title: "Account Executive", goals: 3, counts: { ...NO_COUNTS, onTrack: 2, atRisk: 1 }, lastCheckIn: "2026-03-01", checkInCompliance: 0.75 }),
  makeMember({ person: "p-3", name: "Ben Clark", title: "Sales Development Rep", goals: 5, counts: { ...NO_COUNTS, onTrack: 1, offTrack: 3, done: 1 }, lastCheckIn: "2026-02-10", checkInCompliance: 0.2 }),
  makeMember({ person: "p-4", name: "Cleo Diaz", title: "Account Manager", goals: 1, counts: { ...NO_COUNTS }, lastCheckIn: null, checkInCompliance: null }),
];

function names(): string[] {
  return screen.getAllByTestId("team-row").map((r) => within(r).getByRole("rowheader").textContent);
}

describe("Team", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.teamOverview).mockResolvedValue(TEAM);
    vi.mocked(commands.listGoals).mockResolvedValue([]);
    window.location.hash = "#/team";
  });

  it("lists my reports with goals, status mix, last check-in and compliance", async () => {
    renderApp();
    const rows = await screen.findAllByTestId("team-row");
    expect(commands.teamOverview).toHaveBeenCalledWith(null);
    expect(document.querySelector("main")).toHaveAttribute("data-screen", "team");
    expect(rows).toHaveLength(3);
    const ben = rows.find((r) => r.dataset.personId === "p-3");
    if (!ben) throw new Error("no row for p-3");
    expect(within(ben).getByTestId("team-title")).toHaveTextContent("Sales Development Rep");
    expect(within(ben).getByTestId("team-goals")).toHaveTextContent("5");
    expect(within(ben).getByTestId("status-mix")).toHaveTextContent("1 on track, 3 off track, 1 done");
    expect(within(ben).getByTestId("team-compliance")).toHaveTextContent("20 %");
    const cleo = rows.find((r) => r.dataset.personId === "p-4");
    if (!cleo) throw new Error("no row for p-4");
    expect(within(cleo).getByTestId("team-last-check-in")).toHaveTextContent("None yet");
    expect(within(cleo).getByTestId("status-mix")).toHaveTextContent("no tracked goals");
    // Worst status mix first by default.
    expect(names()).toEqual(["Ben Clark", "Ada Brown", "Cleo Diaz"]);
  });

  it("sorts by any column with header buttons and aria-sort", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("team-row");
    const nameHeader = screen.getByRole("columnheader", { name: /name/i });
    await user.click(within(nameHeader).getByRole("button"));
    expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
    expect(names()).toEqual(["Ada Brown", "Ben Clark", "Cleo Diaz"]);
    await user.click(within(nameHeader).getByRole("button"));
    expect(nameHeader).toHaveAttribute("aria-sort", "descending");
    expect(names()).toEqual(["Cleo Diaz", "Ben Clark", "Ada Brown"]);

    // Keyboard: focus the compliance header button and press Enter; unknown compliance stays last.
    const compliance = screen.getByRole("columnheader", { name: /check-in compliance/i });
    act(() => {
      within(compliance).getByRole("button").focus();
    });
    await user.keyboard("{Enter}");
    expect(compliance).toHaveAttribute("aria-sort", "ascending");
    expect(nameHeader).not.toHaveAttribute("aria-sort");
    expect(names()).toEqual(["Ben Clark", "Ada Brown", "Cleo Diaz"]);
    await user.keyboard("{Enter}");
    expect(names()).toEqual(["Ada Brown", "Ben Clark", "Cleo Diaz"]);

    await user.click(screen.getByTestId("sort-goals"));
    expect(names()).toEqual(["Ben Clark", "Ada Brown", "Cleo Diaz"]);
    await user.click(screen.getByTestId("sort-lastCheckIn"));
    expect(names()).toEqual(["Ada Brown", "Ben Clark", "Cleo Diaz"]);
  });

  it("filters by text and by off-track goals", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("team-row");
    await user.type(screen.getByTestId("team-filter"), "account");
    await waitFor(() => {
      expect(names()).toEqual(["Ada Brown", "Cleo Diaz"]);
    });
    expect(screen.getByTestId("team-shown")).toHaveTextContent("2 of 3 people match");
    await user.clear(screen.getByTestId("team-filter"));
    await user.selectOptions(screen.getByTestId("team-status-filter"), "off_track");
    await waitFor(() => {
      expect(names()).toEqual(["Ben Clark"]);
    });
    await user.type(screen.getByTestId("team-filter"), "ada");
    expect(await screen.findByTestId("team-no-matches")).toBeInTheDocument();
  });

  it("opens a person's goals from their row", async () => {
    vi.mocked(commands.listGoals).mockResolvedValue([
      makeGoal({ id: "g-9", title: "Book 40 demos", owner: { type: "person", id: "p-3" }, ownerName: "Ben Clark" }),
    ]);
    const { user } = renderApp();
    const rows = await screen.findAllByTestId("team-row");
    const ben = rows.find((r) => r.dataset.personId === "p-3");
    if (!ben) throw new Error("no row for p-3");
    const link = within(ben).getByRole("link", { name: "Ben Clark" });
    expect(link).toHaveAttribute("href", "#/goals?owner=p-3");
    await user.click(link);
    expect(await screen.findByRole("heading", { level: 1, name: "Goals of Ben Clark" })).toBeInTheDocument();
    expect(commands.listGoals).toHaveBeenCalledWith(expect.objectContaining({ scope: "person", person: "p-3" }));
    expect(screen.getByTestId("goal-row")).toHaveAttribute("data-goal-id", "g-9");
    expect(document.querySelector('[data-nav="goals"]')).toHaveAttribute("aria-current", "page");
  });

  it("shows an honest empty state when I manage nobody", async () => {
    vi.mocked(commands.teamOverview).mockResolvedValue([]);
    renderApp();
    expect(await screen.findByTestId("empty-state")).toHaveTextContent("Nobody reports to you yet");
    expect(screen.queryByTestId("team-table")).not.toBeInTheDocument();
  });

  it("shows the core's error", async () => {
    vi.mocked(commands.teamOverview).mockRejectedValue({ code: "storage", message: "database is locked", field: null });
    renderApp();
    expect(await screen.findByRole("alert")).toHaveTextContent("database is locked");
  });
});
