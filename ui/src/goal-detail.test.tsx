import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type Revision } from "./ipc/bindings";
import { makeDetail } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({ commands: { appInfo: vi.fn(), onboardingState: vi.fn(), goalDetail: vi.fn() } }));

const longDate = (y: number, m: number, d: number) =>
  new Intl.DateTimeFormat(undefined, { day: "numeric", month: "long", year: "numeric" }).format(new Date(y, m - 1, d));

function revision(overrides: Partial<Revision>): Revision {
  return {
    id: "r-1",
    goal: "g-1",
    field: "target",
    old_value: "32.0",
    new_value: "30.0",
    author: "p-1",
    at: "2026-05-12T09:30:00",
    reason: "market shift",
    ...overrides,
  };
}

describe("Goal detail", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    window.location.hash = "#/goals/g-1";
  });

  it("shows the goal's definition, numbers, alignment, check-ins and revisions in words", async () => {
    vi.mocked(commands.goalDetail).mockResolvedValue(
      makeDetail(
        {
          originalTarget: 32,
          revisions: [
            revision({}),
            revision({ id: "r-2", field: "due", old_value: '"2026-06-30"', new_value: '"2026-07-31"', at: "2026-05-20T10:00:00", reason: "supplier delay" }),
          ],
          parents: [{ id: "g-dept", title: "Faster fulfilment", weight: 0.6 }],
          children: [{ id: "g-kid", title: "Automate routing", weight: 1 }],
          paths: [
            [
              { id: "g-1", title: "Cut order processing time", weight: 1 },
              { id: "g-dept", title: "Faster fulfilment", weight: 1 },
              { id: "g-co", title: "Delight customers", weight: 1 },
            ],
          ],
          checkIns: [
            {
              id: "c-1",
              goal: "g-1",
              value: 44,
              done: false,
              confidence: 6,
              note: "Routing rules live",
              blockers: "Waiting on IT",
              effective: "2026-02-15",
              author: "p-1",
              created_at: "2026-02-15T08:00:00Z",
            },
          ],
        },
        { target: 30 },
      ),
    );
    renderApp();
    expect(await screen.findByTestId("goal-title")).toHaveTextContent("Cut order processing time");
    expect(commands.goalDetail).toHaveBeenCalledWith("g-1", null);
    const main = screen.getByRole("main");
    expect(main).toHaveAttribute("data-screen", "goal");
    expect(screen.getByTestId("goal-progress")).toHaveTextContent("50 %");
    expect(screen.getByTestId("goal-expected")).toHaveTextContent("expected 60 % by now");
    expect(screen.getByTestId("goal-current")).toHaveTextContent("40 hours");
    expect(screen.getByTestId("goal-statement")).toHaveTextContent("from 48 hours to 32 hours");
    expect(screen.getByTestId("goal-target")).toHaveTextContent("48 hours → 30 hours");
    expect(screen.getByTestId("goal-original-target")).toHaveTextContent("32 hours");
    expect(within(main).getByTestId("status-chip")).toHaveTextContent("At risk");
    expect(screen.getByTestId("goal-checkpoints")).toHaveTextContent("quarter review");

    const revisions = screen.getAllByTestId("revision");
    // Newest first.
    expect(revisions[1]).toHaveTextContent(`target changed from 32 to 30 on ${longDate(2026, 5, 12)}: market shift`);
    expect(revisions[0]).toHaveTextContent(
      `due date changed from ${longDate(2026, 6, 30)} to ${longDate(2026, 7, 31)} on ${longDate(2026, 5, 20)}: supplier delay`,
    );

    expect(within(screen.getByTestId("goal-parents")).getByRole("link", { name: "Faster fulfilment" })).toHaveAttribute(
      "href",
      "#/goals/g-dept",
    );
    expect(screen.getByTestId("goal-parents")).toHaveTextContent("weight 0.6");
    expect(within(screen.getByTestId("goal-children")).getByRole("link", { name: "Automate routing" })).toBeInTheDocument();
    expect(within(screen.getByTestId("alignment-paths")).getByRole("link", { name: "Delight customers" })).toHaveAttribute(
      "href",
      "#/goals/g-co",
    );

    const checkIn = screen.getByTestId("check-in-row");
    expect(checkIn).toHaveTextContent("44 hours");
    expect(checkIn).toHaveTextContent("6/10");
    expect(checkIn).toHaveTextContent("Routing rules live");
    expect(checkIn).toHaveTextContent("Waiting on IT");
  });

  it("flags a goal with no path to a company goal", async () => {
    vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail());
    renderApp();
    expect(await screen.findByTestId("alignment-orphan")).toBeInTheDocument();
    expect(screen.queryByTestId("goal-original-target")).not.toBeInTheDocument();
  });

  it("shows a band for within_band goals", async () => {
    vi.mocked(commands.goalDetail).mockResolvedValue(
      makeDetail({}, { direction: "within_band", unit: "percent", unitLabel: "%", baseline: 70, target: null, bandLow: 90, bandHigh: 95 }),
    );
    renderApp();
    expect(await screen.findByTestId("goal-target")).toHaveTextContent("70 % → between 90 % and 95 %");
  });

  it("shows an honest not-found state", async () => {
    vi.mocked(commands.goalDetail).mockRejectedValue({ code: "not_found", message: "No goal g-404.", field: null });
    window.location.hash = "#/goals/g-404";
    renderApp();
    const notFound = await screen.findByTestId("goal-not-found");
    expect(notFound).toHaveTextContent("This goal could not be opened");
    expect(notFound).toHaveTextContent("g-404");
    expect(screen.getByRole("heading", { level: 1, name: "Goal" })).toBeInTheDocument();
    expect(screen.queryByTestId("goal-title")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to Goals" })).toHaveAttribute("href", "#/goals");
  });

  it("treats text that is not a goal id as not found", async () => {
    vi.mocked(commands.goalDetail).mockRejectedValue({ code: "invalid_input", message: "This is not a goal id.", field: "id" });
    window.location.hash = "#/goals/not-an-id";
    renderApp();
    expect(await screen.findByTestId("goal-not-found")).toHaveTextContent("not-an-id");
  });

  it("shows other errors with the core's message", async () => {
    vi.mocked(commands.goalDetail).mockRejectedValue({ code: "storage", message: "disk I/O error", field: null });
    renderApp();
    expect(await screen.findByRole("alert")).toHaveTextContent("disk I/O error");
  });
});
