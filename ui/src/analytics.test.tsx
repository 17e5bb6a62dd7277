import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type Dashboard } from "./ipc/bindings";
import { stubObjectUrls } from "./test/blob";
import { NO_COUNTS } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: { appInfo: vi.fn(), onboardingState: vi.fn(), inbox: vi.fn(() => Promise.resolve([])), dashboard: vi.fn(), dashboardCharts: vi.fn(), cycles: vi.fn(() => Promise.resolve([])) },
}));

const DASHBOARD: Dashboard = {
  asOf: "2026-03-02",
  counts: { onTrack: 1200, atRisk: 300, offTrack: 150, done: 80, missed: 20 },
  byUnit: [
    { unit: "u-sales", name: "Sales", counts: { ...NO_COUNTS, onTrack: 10, offTrack: 2 } },
    { unit: "u-ops", name: "Operations", counts: { ...NO_COUNTS, onTrack: 4, offTrack: 7 } },
    { unit: "u-hr", name: "People", counts: { ...NO_COUNTS, onTrack: 9 } },
  ],
  byCycle: [{ cycle: "c-q1", name: "Q1 2026", counts: { ...NO_COUNTS, onTrack: 5, atRisk: 1, offTrack: 1 } }],
  completionRate: 0.8,
  checkInCompliance: 0.645,
};

const fmt = (n: number) => new Intl.NumberFormat().format(n);

function unitNames(): string[] {
  return within(screen.getByTestId("analytics-units"))
    .getAllByTestId("analytics-units-row")
    .map((r) => within(r).getByRole("rowheader").textContent);
}

describe("Analytics", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.dashboard).mockResolvedValue(DASHBOARD);
    vi.mocked(commands.dashboardCharts).mockResolvedValue({ statusSvg: "<svg>status</svg>", paceSvg: "<svg>pace</svg>" });
    window.location.hash = "#/analytics";
  });

  it("shows tiles for status counts, completion rate and check-in compliance, in the OS locale", async () => {
    stubObjectUrls();
    renderApp();
    const tiles = await screen.findByTestId("analytics-tiles");
    expect(commands.dashboard).toHaveBeenCalledWith(null, null);
    expect(document.querySelector("main")).toHaveAttribute("data-screen", "analytics");
    expect(within(tiles).getByTestId("tile-on-track-value")).toHaveTextContent(fmt(1200));
    expect(within(tiles).getByTestId("tile-at-risk-value")).toHaveTextContent("300");
    expect(within(tiles).getByTestId("tile-off-track-value")).toHaveTextContent("150");
    expect(within(tiles).getByTestId("tile-completion-value")).toHaveTextContent("80 %");
    expect(within(tiles).getByTestId("tile-compliance-value")).toHaveTextContent("65 %");
  });

  it("shows both charts as blob: images drawn for the theme", async () => {
    const urls = stubObjectUrls();
    renderApp();
    const status = await screen.findByTestId("chart-status");
    const pace = screen.getByTestId("chart-pace");
    expect(commands.dashboardCharts).toHaveBeenCalledWith(null, null, false);
    for (const img of [status, pace]) {
      expect(img.tagName).toBe("IMG");
      expect(img.getAttribute("src")).toMatch(/^blob:/);
      expect(img.getAttribute("alt")).not.toBe("");
    }
    expect(urls.created.map((b) => b.type)).toEqual(["image/svg+xml", "image/svg+xml"]);
  });

  it("lists units and cycles, worst off-track first, and sorts by a column", async () => {
    stubObjectUrls();
    const { user } = renderApp();
    await screen.findByTestId("analytics-units");
    expect(unitNames()).toEqual(["Operations", "Sales", "People"]);
    const offTrack = within(screen.getByTestId("analytics-units")).getByRole("columnheader", { name: /off track/i });
    expect(offTrack).toHaveAttribute("aria-sort", "descending");
    await user.click(within(offTrack).getByRole("button"));
    expect(offTrack).toHaveAttribute("aria-sort", "ascending");
    expect(unitNames()).toEqual(["People", "Sales", "Operations"]);
    expect(within(screen.getByTestId("analytics-cycles")).getByRole("rowheader")).toHaveTextContent("Q1 2026");
  });

  it("keeps an honest empty state without goals", async () => {
    vi.mocked(commands.dashboard).mockResolvedValue({
      ...DASHBOARD,
      counts: NO_COUNTS,
      byUnit: [],
      byCycle: [],
      completionRate: null,
      checkInCompliance: null,
    });
    renderApp();
    expect(await screen.findByTestId("empty-state")).toHaveTextContent(/counts by status, completion rate/i);
    expect(commands.dashboardCharts).not.toHaveBeenCalled();
  });

  it("shows the core's error", async () => {
    vi.mocked(commands.dashboard).mockRejectedValue({ code: "storage", message: "disk I/O error", field: null });
    renderApp();
    expect(await screen.findByRole("alert")).toHaveTextContent("disk I/O error");
  });
});
