import { act, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type Revision } from "./ipc/bindings";
import { stubObjectUrls } from "./test/blob";
import { makeDetail, makeInsight } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: { appInfo: vi.fn(), onboardingState: vi.fn(), inbox: vi.fn(() => Promise.resolve([])), goalDetail: vi.fn(), goalInsight: vi.fn() },
}));

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
    vi.mocked(commands.goalInsight).mockResolvedValue(makeInsight());
    stubObjectUrls();
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

  describe("where it's heading", () => {
    it("shows the chart as a blob: image, the status with its reason, the chance and the forecast", async () => {
      const urls = stubObjectUrls();
      vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail());
      renderApp();
      const chart = await screen.findByTestId("goal-chart");
      expect(commands.goalInsight).toHaveBeenCalledWith("g-1", null, false);
      expect(chart.tagName).toBe("IMG");
      expect(chart.getAttribute("src")).toMatch(/^blob:/);
      // The alt text is the chart in words, from Rust: what is drawn and the numbers.
      expect(chart).toHaveAccessibleName(/Drawn: Check-ins, Expected pace, Target, Baseline, Forecast and range/);
      expect(urls.createObjectURL).toHaveBeenCalledTimes(1);
      const blob = urls.created[0];
      expect(blob?.type).toBe("image/svg+xml");

      const panel = screen.getByTestId("goal-insight");
      expect(within(panel).getByRole("heading", { name: "Where it's heading" })).toBeInTheDocument();
      expect(screen.getByTestId("goal-reason")).toHaveTextContent("at the current pace of −1.1 h/week, 38.5 h by 30 Jun");
      expect(within(panel).getByTestId("status-chip")).toHaveTextContent("Off track");
      expect(screen.getByTestId("goal-probability")).toHaveTextContent("12 % chance");
      const due = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(new Date(2026, 5, 30));
      expect(screen.getByTestId("goal-forecast")).toHaveTextContent(`38.5 hours (34–43) by ${due}`);
      expect(screen.getByTestId("goal-escalated")).toHaveTextContent("pace alone, which says at risk");
      // Above the definition.
      const definition = screen.getByTestId("goal-definition");
      expect(panel.compareDocumentPosition(definition) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    });

    it("revokes the blob URL when the goal is left", async () => {
      const urls = stubObjectUrls();
      vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail());
      const { unmount } = renderApp();
      const src = (await screen.findByTestId("goal-chart")).getAttribute("src");
      expect(urls.revokeObjectURL).not.toHaveBeenCalled();
      unmount();
      expect(urls.revokeObjectURL).toHaveBeenCalledWith(src);
    });

    it("says honestly when there are not enough check-ins to forecast", async () => {
      vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail());
      vi.mocked(commands.goalInsight).mockResolvedValue(
        makeInsight({ forecast: null, no_forecast: "one_point", probability: null, escalated: false, status: "at_risk", reason: "behind the expected pace" }),
      );
      renderApp();
      expect(await screen.findByTestId("goal-no-forecast")).toHaveTextContent(/not enough check-ins to forecast yet/i);
      expect(screen.getByTestId("goal-reason")).toHaveTextContent("behind the expected pace");
      expect(screen.queryByTestId("goal-probability")).not.toBeInTheDocument();
      expect(screen.queryByTestId("goal-forecast")).not.toBeInTheDocument();
      expect(screen.queryByTestId("goal-escalated")).not.toBeInTheDocument();
    });

    it("draws the chart for the dark theme and redraws when the theme changes", async () => {
      const urls = stubObjectUrls();
      document.documentElement.setAttribute("data-theme", "dark");
      vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail());
      vi.mocked(commands.goalInsight).mockImplementation((_id, _asOf, dark) =>
        Promise.resolve(makeInsight({}, dark ? "<svg>dark</svg>" : "<svg>light</svg>")),
      );
      renderApp();
      const first = await screen.findByTestId("goal-chart");
      expect(commands.goalInsight).toHaveBeenCalledWith("g-1", null, true);
      const darkSrc = first.getAttribute("src");
      act(() => {
        document.documentElement.setAttribute("data-theme", "light");
      });
      await waitFor(() => {
        expect(commands.goalInsight).toHaveBeenCalledWith("g-1", null, false);
      });
      await waitFor(() => {
        expect(screen.getByTestId("goal-chart").getAttribute("src")).not.toBe(darkSrc);
      });
      expect(urls.revokeObjectURL).toHaveBeenCalledWith(darkSrc);
    });

    it("keeps the rest of the goal when the forecast fails", async () => {
      vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail());
      vi.mocked(commands.goalInsight).mockRejectedValue({ code: "internal", message: "chart failed", field: null });
      renderApp();
      expect(await screen.findByTestId("goal-insight-error")).toHaveTextContent("chart failed");
      expect(screen.getByTestId("goal-definition")).toBeInTheDocument();
    });
  });
});
