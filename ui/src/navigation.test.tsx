import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "./ipc/bindings";
import { NAV } from "./screens";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(), inbox: vi.fn(() => Promise.resolve([])),
    listGoals: vi.fn(),
    goalDetail: vi.fn(),
    goalTemplates: vi.fn(),
    teamOverview: vi.fn(),
    goalMap: vi.fn(),
    goalMapSearch: vi.fn(),
    alignmentProblems: vi.fn(),
    dashboard: vi.fn(),
    dashboardCharts: vi.fn(),
    cycles: vi.fn(() => Promise.resolve([])),
    kpis: vi.fn(() => Promise.resolve([])),
  },
}));

const EXPECTED: Record<string, { heading: string; text: RegExp }> = {
  "my-week": { heading: "My week", text: /check-ins due this week and alerts will appear here/i },
  goals: { heading: "Goals", text: /goals will be listed here/i },
  "new-goal": { heading: "New goal", text: /write the goal as a sentence/i },
  team: { heading: "Team", text: /each direct report will appear here/i },
  alignment: { heading: "Alignment map", text: /company goals sit at the top/i },
  kpis: { heading: "KPIs", text: /kpis such as revenue/i },
  analytics: { heading: "Analytics", text: /counts by status, completion rate/i },
  reviews: { heading: "Reviews", text: /score computed from goal attainment/i },
  skills: { heading: "Skills & learning", text: /your skill levels against your role/i },
  inbox: { heading: "Inbox", text: /check-in reminders, goals falling behind pace/i },
  settings: { heading: "Settings", text: /about this installation/i },
};

function currentScreen(): HTMLElement {
  const main = document.querySelector<HTMLElement>("main#content");
  if (!main) throw new Error("no main#content");
  return main;
}

describe("navigation", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    // An empty database: the honest empty states.
    vi.mocked(commands.listGoals).mockResolvedValue([]);
    vi.mocked(commands.goalDetail).mockRejectedValue({ code: "not_found", message: "No such goal.", field: null });
    vi.mocked(commands.goalTemplates).mockResolvedValue([]);
    vi.mocked(commands.teamOverview).mockResolvedValue([]);
    vi.mocked(commands.goalMap).mockResolvedValue({ parent: null, rows: [], total: 0 });
    vi.mocked(commands.goalMapSearch).mockResolvedValue([]);
    vi.mocked(commands.alignmentProblems).mockResolvedValue({ orphans: [], inactiveParents: [], opposingSiblings: [] });
    const none = { onTrack: 0, atRisk: 0, offTrack: 0, done: 0, missed: 0 };
    vi.mocked(commands.dashboard).mockResolvedValue({
      asOf: "2026-03-02",
      counts: none,
      byUnit: [],
      byCycle: [],
      completionRate: null,
      checkInCompliance: null,
    });
    vi.mocked(commands.dashboardCharts).mockResolvedValue({ statusSvg: "<svg/>", paceSvg: "<svg/>" });
  });

  it("starts on My week with a skip link and a labelled main navigation", async () => {
    renderApp();
    expect(await screen.findByRole("heading", { level: 1, name: "My week" })).toBeInTheDocument();
    expect(currentScreen()).toHaveAttribute("data-screen", "my-week");
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
    const skip = screen.getByRole("link", { name: "Skip to content" });
    expect(skip).toHaveAttribute("href", "#content");
    // The skip link is the first thing Tab reaches.
    expect(document.body.querySelector("a, button, input")).toBe(skip);
  });

  it("has a nav link for every screen", () => {
    renderApp();
    const nav = screen.getByRole("navigation", { name: "Main" });
    for (const entry of NAV) {
      const link = nav.querySelector(`[data-nav="${entry.slug}"]`);
      expect(link, entry.slug).not.toBeNull();
      expect(link).toHaveAccessibleName(expect.stringContaining(entry.label) as string);
    }
  });

  it.each(NAV.map((e) => [e.slug, e] as const))("renders %s with its heading and empty state", async (slug, entry) => {
    const { user } = renderApp();
    const link = document.querySelector<HTMLAnchorElement>(`[data-nav="${slug}"]`);
    if (!link) throw new Error(`no link for ${slug}`);
    await user.click(link);
    const expected = EXPECTED[slug];
    if (!expected) throw new Error(`no expectation for ${slug}`);
    expect(await screen.findByRole("heading", { level: 1, name: expected.heading })).toBeInTheDocument();
    const main = currentScreen();
    expect(main).toHaveAttribute("data-screen", slug);
    await waitFor(() => {
      expect(currentScreen()).toHaveTextContent(expected.text);
    });
    expect(link).toHaveAttribute("aria-current", "page");
    expect(document.querySelectorAll('[aria-current="page"]')).toHaveLength(1);
    expect(window.location.hash).toBe(`#${entry.path}`);
    expect(main.textContent).not.toMatch(/coming soon|todo|lorem ipsum/i);
  });

  it("shows goal detail for #/goals/<id> with Goals marked current", async () => {
    window.location.hash = "#/goals/0192f0c2-demo";
    renderApp();
    expect(await screen.findByRole("heading", { level: 1, name: "Goal" })).toBeInTheDocument();
    expect(currentScreen()).toHaveAttribute("data-screen", "goal");
    expect(currentScreen()).toHaveTextContent("0192f0c2-demo");
    expect(document.querySelector('[data-nav="goals"]')).toHaveAttribute("aria-current", "page");
  });

  it("offers New goal as the primary action on My week", async () => {
    const { user } = renderApp();
    const main = currentScreen();
    const [action] = within(main).getAllByTestId("action-new-goal");
    if (!action) throw new Error("no New goal action");
    await user.click(action);
    expect(await screen.findByRole("heading", { level: 1, name: "New goal" })).toBeInTheDocument();
  });

  it("shows a not-found screen for unknown paths", async () => {
    window.location.hash = "#/nowhere";
    renderApp();
    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
    expect(currentScreen()).toHaveAttribute("data-screen", "not-found");
  });

  it("skip link moves focus to the content without changing the route", async () => {
    const { user } = renderApp();
    await user.tab();
    expect(screen.getByTestId("skip-link")).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(currentScreen()).toHaveFocus();
    expect(window.location.hash).toBe("#/");
  });

  it("shows database counts on the home screen in the OS locale", async () => {
    renderApp();
    const expected = new Intl.NumberFormat().format(1234);
    await waitFor(() => {
      expect(screen.getByTestId("home-goal-count")).toHaveTextContent(expected);
    });
    expect(screen.getByTestId("db-status")).toHaveAttribute("data-state", "ready");
  });
});
