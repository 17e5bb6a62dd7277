import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type KpiView } from "./ipc/bindings";
import { kpiTrend, POINTS_PAGE } from "./screens/KpisScreen";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: { appInfo: vi.fn(), onboardingState: vi.fn(), inbox: vi.fn(() => Promise.resolve([])), kpis: vi.fn() },
}));

const fmt = (n: number) => new Intl.NumberFormat().format(n);

function makeKpi(overrides: Partial<KpiView> = {}): KpiView {
  return {
    id: "k-1",
    key: "orders.processing_hours",
    name: "Order processing time",
    unit: "duration",
    unitLabel: "hours",
    direction: "decrease",
    period: "week",
    points: [
      { start: "2026-02-23", end: "2026-03-01", value: 44 },
      // Out of order on purpose: the screen sorts by period.
      { start: "2026-03-09", end: "2026-03-15", value: 1250.5 },
      { start: "2026-03-02", end: "2026-03-08", value: 1260 },
    ],
    trackedBy: 2,
    ...overrides,
  };
}

const REVENUE = makeKpi({
  id: "k-2",
  key: "sales.revenue",
  name: "Revenue",
  unit: "currency",
  unitLabel: "EUR",
  direction: "increase",
  period: "month",
  points: [
    { start: "2026-01-01", end: "2026-01-31", value: 100 },
    { start: "2026-02-01", end: "2026-02-28", value: 90 },
  ],
  trackedBy: 1,
});

function row(key: string): HTMLElement {
  const found = screen.getAllByTestId("kpi-row").find((r) => r.getAttribute("data-kpi-key") === key);
  if (!found) throw new Error(`no row ${key}`);
  return found;
}

describe("KPIs", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.kpis).mockResolvedValue([makeKpi(), REVENUE]);
    window.location.hash = "#/kpis";
  });

  it("lists each KPI with its key, latest value in the OS locale, change, sparkline and goals", async () => {
    renderApp();
    await screen.findByTestId("kpi-table");
    const orders = row("orders.processing_hours");
    expect(within(orders).getByTestId("kpi-name")).toHaveTextContent("Order processing time");
    const key = within(orders).getByTestId("kpi-key");
    expect(key.tagName).toBe("CODE");
    expect(key).toHaveTextContent("orders.processing_hours");
    expect(within(orders).getByTestId("kpi-latest")).toHaveTextContent(`${fmt(1250.5)} hours`);
    // A currency KPI reads as money in the OS locale.
    const money = new Intl.NumberFormat(undefined, { style: "currency", currency: "EUR" }).format(90);
    expect(within(row("sales.revenue")).getByTestId("kpi-latest")).toHaveTextContent(money);
    // Lower is better for a decrease: −9.5 hours is good news.
    const change = within(orders).getByTestId("kpi-change");
    expect(change).toHaveAttribute("data-arrow", "down");
    expect(change).toHaveAttribute("data-verdict", "better");
    expect(change).toHaveClass("kpi-change--better");
    expect(change).toHaveTextContent(`down ${fmt(9.5)} hours from the previous period, better`);
    const spark = within(orders).getByTestId("kpi-sparkline");
    expect(spark.tagName.toLowerCase()).toBe("svg");
    expect(spark.querySelector("polyline")?.getAttribute("points")?.split(" ")).toHaveLength(3);
    expect(spark).toHaveAccessibleName(/Trend of the last 3 points/);
    expect(within(orders).getByTestId("kpi-tracked-by")).toHaveTextContent("Tracked by 2 goals");

    // Higher is better for revenue: a fall is worse.
    const revenue = within(row("sales.revenue")).getByTestId("kpi-change");
    expect(revenue).toHaveAttribute("data-arrow", "down");
    expect(revenue).toHaveAttribute("data-verdict", "worse");
    expect(within(row("sales.revenue")).getByTestId("kpi-tracked-by")).toHaveTextContent("Tracked by 1 goal");
  });

  it("judges a change by the KPI's direction", () => {
    const jan = { start: "2026-01-01", end: "2026-01-31", value: 1 };
    const feb = { start: "2026-02-01", end: "2026-02-28", value: 2 };
    const up = [jan, feb];
    expect(kpiTrend(makeKpi({ direction: "increase", points: up })).verdict).toBe("better");
    expect(kpiTrend(makeKpi({ direction: "at_least", points: up })).verdict).toBe("better");
    expect(kpiTrend(makeKpi({ direction: "decrease", points: up })).verdict).toBe("worse");
    expect(kpiTrend(makeKpi({ direction: "at_most", points: up })).verdict).toBe("worse");
    expect(kpiTrend(makeKpi({ direction: "within_band", points: up })).verdict).toBe("neutral");
    expect(kpiTrend(makeKpi({ points: [jan, { ...feb, value: 1 }] })).verdict).toBe("same");
    const single = kpiTrend(makeKpi({ points: up.slice(0, 1) }));
    expect(single.delta).toBeNull();
    expect(single.latest?.value).toBe(1);
    expect(kpiTrend(makeKpi({ points: [] })).latest).toBeNull();
  });

  it("expands a KPI on click or Enter to show its data points, newest first", async () => {
    const { user } = renderApp();
    await screen.findByTestId("kpi-table");
    const toggle = within(row("orders.processing_hours")).getByTestId("kpi-toggle");
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    const points = screen.getByTestId("kpi-points");
    expect(toggle).toHaveAttribute("aria-controls", points.id);
    const values = within(points)
      .getAllByTestId("kpi-point")
      .map((r) => r.querySelector(".num")?.textContent);
    expect(values).toEqual([`${fmt(1250.5)} hours`, `${fmt(1260)} hours`, "44 hours"]);
    await user.click(toggle);
    expect(screen.queryByTestId("kpi-points")).not.toBeInTheDocument();

    // Keyboard: the name is a button.
    toggle.focus();
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("kpi-points")).toBeInTheDocument();
    // A click anywhere on the row toggles it too.
    await user.click(within(row("sales.revenue")).getByTestId("kpi-latest"));
    expect(screen.getAllByTestId("kpi-points")).toHaveLength(2);
  });

  it("caps a long history and shows more on request", async () => {
    const many = Array.from({ length: 120 }, (_, i) => {
      const day = new Date(2025, 0, 1 + i);
      const iso = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
      return { start: iso, end: iso, value: i };
    });
    vi.mocked(commands.kpis).mockResolvedValue([makeKpi({ period: "day", points: many })]);
    const { user } = renderApp();
    await user.click(await screen.findByTestId("kpi-toggle"));
    expect(screen.getAllByTestId("kpi-point")).toHaveLength(POINTS_PAGE);
    await user.click(screen.getByTestId("kpi-points-more"));
    expect(screen.getAllByTestId("kpi-point")).toHaveLength(2 * POINTS_PAGE);
    await user.click(screen.getByTestId("kpi-points-more"));
    expect(screen.getAllByTestId("kpi-point")).toHaveLength(120);
    expect(screen.queryByTestId("kpi-points-more")).not.toBeInTheDocument();
    // The sparkline draws only the recent points.
    const spark = screen.getByTestId("kpi-sparkline");
    expect(spark.querySelector("polyline")?.getAttribute("points")?.split(" ").length).toBeLessThan(120);
  });

  it("shows a KPI without data points honestly", async () => {
    vi.mocked(commands.kpis).mockResolvedValue([makeKpi({ points: [], trackedBy: 0 })]);
    renderApp();
    const r = await screen.findByTestId("kpi-row");
    expect(within(r).getByTestId("kpi-latest")).toHaveTextContent("No data yet");
    expect(within(r).getByTestId("kpi-tracked-by")).toHaveTextContent("No goals");
  });

  it("has an empty state that says how data arrives", async () => {
    vi.mocked(commands.kpis).mockResolvedValue([]);
    renderApp();
    const empty = await screen.findByTestId("empty-state");
    expect(empty).toHaveTextContent("No KPIs yet");
    expect(empty).toHaveTextContent("/api/v1/kpis/{key}/points");
  });

  it("shows the core's error with a retry", async () => {
    vi.mocked(commands.kpis).mockRejectedValueOnce({ code: "storage", message: "disk I/O error", field: null }).mockResolvedValueOnce([]);
    const { user } = renderApp();
    expect(await screen.findByRole("alert")).toHaveTextContent("disk I/O error");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("empty-state")).toBeInTheDocument();
  });
});
