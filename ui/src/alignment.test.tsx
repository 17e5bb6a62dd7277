import { act, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type CascadeLevel, type GoalMapInput } from "./ipc/bindings";
import type { GoalMapLevel } from "./ipc";
import { EMPTY_TREE, levelRequests, visibleRows } from "./screens/alignmentTree";
import { deferred, fakeGoalMap, hit, type FakeCascade } from "./test/cascade";
import { makeGoal } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(),
    inbox: vi.fn(() => Promise.resolve([])),
    goalMap: vi.fn(),
    goalMapSearch: vi.fn(),
    alignmentProblems: vi.fn(),
  },
}));

/**
 * Two company goals; "Delight customers" → "Faster fulfilment", "Grow revenue";
 * "Shared routing" serves both (×2 under Grow revenue, ×1 under Faster fulfilment).
 */
const CASCADE: FakeCascade = {
  goals: {
    co: { title: "Delight customers", rolledUp: 0.42 },
    co2: { title: "Zero emissions", rolledUp: 0.1 },
    sales: { title: "Grow revenue" },
    ops: { title: "Faster fulfilment" },
    shared: { title: "Shared routing", rolledUp: 0.3, ownerName: "Maria Keller" },
    s1: { title: "Book demos" },
    lost: { title: "Shared drive tidy-up" },
  },
  roots: ["co", "co2"],
  children: {
    co: [
      ["sales", 1],
      ["ops", 1],
    ],
    sales: [
      ["shared", 2],
      ["s1", 1],
    ],
    ops: [["shared", 1]],
  },
};

/** One root, "Big objective", with 450 key results k000…k449. */
function bigCascade(): FakeCascade {
  const goals: FakeCascade["goals"] = { big: { title: "Big objective" } };
  const kids: [string, number][] = [];
  for (let i = 0; i < 450; i++) {
    const id = `k${String(i).padStart(3, "0")}`;
    goals[id] = { title: `Key result ${id}` };
    kids.push([id, 1]);
  }
  return { goals, roots: ["big"], children: { big: kids } };
}

function serve(cascade: FakeCascade): void {
  vi.mocked(commands.goalMap).mockImplementation((input) => Promise.resolve(fakeGoalMap(cascade, input)));
}

function mapCalls(): GoalMapInput[] {
  return vi.mocked(commands.goalMap).mock.calls.map(([input]) => input);
}

function treeIds(): (string | undefined)[] {
  return screen.getAllByTestId("tree-node").map((n) => n.dataset.goalId);
}

function item(goalId: string, index = 0): HTMLElement {
  const found = screen.getAllByTestId("tree-node").filter((n) => n.dataset.goalId === goalId)[index];
  if (!found) throw new Error(`no tree node ${goalId}#${index}`);
  return found;
}

function focusItem(el: HTMLElement): void {
  act(() => {
    el.focus();
  });
}

async function openMap() {
  const app = renderApp();
  await screen.findByRole("tree");
  return app;
}

describe("Alignment map", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.goalMap).mockReset();
    vi.mocked(commands.goalMapSearch).mockReset();
    serve(CASCADE);
    vi.mocked(commands.goalMapSearch).mockResolvedValue([]);
    vi.mocked(commands.alignmentProblems).mockResolvedValue({ orphans: [], inactiveParents: [], opposingSiblings: [] });
    window.location.hash = "#/alignment";
  });

  it("opens on the top of the cascade only", async () => {
    await openMap();
    expect(document.querySelector("main")).toHaveAttribute("data-screen", "alignment");
    expect(mapCalls()).toEqual([{ parent: null, unit: null, asOf: null, limit: 200, offset: 0 }]);
    expect(treeIds()).toEqual(["co", "co2"]);
    const root = item("co");
    expect(root).toHaveAttribute("aria-level", "1");
    expect(root).toHaveAttribute("aria-expanded", "false");
    expect(root).toHaveAttribute("aria-posinset", "1");
    expect(root).toHaveAttribute("aria-setsize", "2");
    expect(within(root).getByTestId("tree-progress")).toHaveTextContent("42 %");
    expect(within(root).getByTestId("status-chip")).toHaveTextContent("On track");
    expect(within(root).getByTestId("tree-children")).toHaveTextContent("2 contributors");
    expect(within(root).getByRole("link", { name: "Delight customers" })).toHaveAttribute("href", "#/goals/co");
    expect(within(root).queryByTestId("tree-weight")).not.toBeInTheDocument();
    // A goal nothing contributes to cannot be expanded.
    expect(item("co2")).not.toHaveAttribute("aria-expanded");
    expect(screen.getByTestId("alignment-matches")).toHaveTextContent("2 company goals");
    // One tab stop: the first item.
    expect(screen.getAllByRole("treeitem").filter((i) => i.tabIndex === 0)).toEqual([root]);
  });

  it("reads a node's contributors when it is expanded, with a loading row meanwhile, and shows a goal under each parent with its weight", async () => {
    const held = deferred<CascadeLevel>();
    const { user } = await openMap();
    vi.mocked(commands.goalMap).mockImplementationOnce(() => held.promise);
    await user.click(within(item("co")).getByTestId("tree-toggle"));
    expect(item("co")).toHaveAttribute("aria-expanded", "true");
    expect(mapCalls().at(-1)).toEqual({ parent: "co", unit: null, asOf: null, limit: 200, offset: 0 });
    const loading = screen.getByTestId("tree-loading");
    expect(loading).toHaveAttribute("aria-level", "2");
    expect(loading).toHaveAttribute("aria-busy", "true");
    held.resolve(fakeGoalMap(CASCADE, { parent: "co", unit: null, asOf: null, limit: 200, offset: 0 }));
    await waitFor(() => {
      expect(treeIds()).toEqual(["co", "ops", "sales", "co2"]);
    });
    expect(screen.queryByTestId("tree-loading")).not.toBeInTheDocument();
    expect(within(item("ops")).getByTestId("tree-weight")).toHaveTextContent("×1");
    expect(item("ops")).toHaveAttribute("aria-level", "2");
    expect(item("ops")).toHaveAttribute("data-key", "/co/ops");

    await user.click(within(item("ops")).getByTestId("tree-toggle"));
    await user.click(within(item("sales")).getByTestId("tree-toggle"));
    await waitFor(() => {
      expect(treeIds()).toEqual(["co", "ops", "shared", "sales", "s1", "shared", "co2"]);
    });
    expect(mapCalls().map((c) => c.parent)).toEqual([null, "co", "ops", "sales"]);
    const shared = screen.getAllByTestId("tree-node").filter((n) => n.dataset.goalId === "shared");
    expect(shared.map((n) => within(n).getByTestId("tree-weight").textContent)).toEqual(["×1", "×2"]);
    expect(shared.map((n) => n.dataset.key)).toEqual(["/co/ops/shared", "/co/sales/shared"]);
    expect(shared[1]).toHaveAttribute("aria-level", "3");
    expect(shared[1]).toHaveAttribute("aria-posinset", "2");
    expect(shared[1]).toHaveAttribute("aria-setsize", "2");
  });

  it("expands and collapses with → and ←, moves with ↑ ↓ Home End, and opens a goal with Enter", async () => {
    const { user } = await openMap();
    focusItem(item("co"));
    await user.keyboard("{ArrowRight}");
    expect(item("co")).toHaveAttribute("aria-expanded", "true");
    await screen.findByText("Grow revenue");
    // → on an expanded node goes to its first child; ↓ to the next.
    await user.keyboard("{ArrowRight}");
    expect(item("ops")).toHaveFocus();
    await user.keyboard("{ArrowDown}{ArrowRight}");
    expect(item("sales")).toHaveAttribute("aria-expanded", "true");
    await waitFor(() => {
      expect(treeIds()).toEqual(["co", "ops", "sales", "s1", "shared", "co2"]);
    });
    await user.keyboard("{ArrowDown}");
    expect(item("s1")).toHaveFocus();
    // ← on a child goes to its parent; ← on an expanded node collapses it.
    await user.keyboard("{ArrowLeft}");
    expect(item("sales")).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(item("sales")).toHaveAttribute("aria-expanded", "false");
    expect(treeIds()).toEqual(["co", "ops", "sales", "co2"]);
    await user.keyboard("{End}");
    expect(item("co2")).toHaveFocus();
    await user.keyboard("{Home}");
    expect(item("co")).toHaveFocus();
    await user.keyboard("{ArrowUp}");
    expect(item("co")).toHaveFocus();
    // Enter toggles a goal with contributors; on one without, it opens the goal.
    await user.keyboard("{Enter}");
    expect(item("co")).toHaveAttribute("aria-expanded", "false");
    await user.keyboard("{End}{Enter}");
    expect(window.location.hash).toBe("#/goals/co2");
  });

  it("Shift+Enter opens any goal", async () => {
    const { user } = await openMap();
    focusItem(item("co"));
    await user.keyboard("{Shift>}{Enter}{/Shift}");
    expect(window.location.hash).toBe("#/goals/co");
  });

  it("reads a long level a page at a time with “Show N more”", async () => {
    serve(bigCascade());
    const { user } = await openMap();
    await user.click(within(item("big")).getByTestId("tree-toggle"));
    await waitFor(() => {
      expect(screen.getAllByTestId("tree-node")).toHaveLength(201);
    });
    const more = screen.getByTestId("tree-more");
    expect(more).toHaveTextContent("Show 200 more");
    expect(more).toHaveTextContent("250 not shown");
    expect(more).toHaveAttribute("aria-posinset", "201");
    expect(item("k000")).toHaveAttribute("aria-setsize", "201");
    await user.click(more);
    await waitFor(() => {
      expect(screen.getAllByTestId("tree-node")).toHaveLength(401);
    });
    expect(mapCalls().at(-1)).toEqual({ parent: "big", unit: null, asOf: null, limit: 200, offset: 200 });
    expect(screen.getByTestId("tree-more")).toHaveTextContent("Show 50 more");
    // Keyboard: End reaches the "more" row; Enter reads the rest and focus lands on the first new row.
    focusItem(item("big"));
    await user.keyboard("{End}");
    expect(screen.getByTestId("tree-more")).toHaveFocus();
    await user.keyboard("{Enter}");
    await waitFor(() => {
      expect(item("k400")).toHaveFocus();
    });
    expect(mapCalls().at(-1)).toMatchObject({ parent: "big", offset: 400 });
    expect(screen.getAllByTestId("tree-node")).toHaveLength(451);
    expect(screen.queryByTestId("tree-more")).not.toBeInTheDocument();
  });

  it("search opens the way down to each hit, shows a two-parent goal twice, lists orphans apart, and clearing restores the map", async () => {
    vi.mocked(commands.goalMapSearch).mockResolvedValue([
      hit("shared", "Shared routing", [
        ["co", "ops", "shared"],
        ["co", "sales", "shared"],
      ]),
      hit("lost", "Shared drive tidy-up", []),
    ]);
    const { user } = await openMap();
    // Before: the person opened "Delight customers".
    await user.click(within(item("co")).getByTestId("tree-toggle"));
    await screen.findByText("Grow revenue");
    expect(treeIds()).toEqual(["co", "ops", "sales", "co2"]);

    const box = screen.getByTestId("alignment-search");
    await user.type(box, "shared");
    await waitFor(() => {
      expect(treeIds()).toEqual(["co", "ops", "shared", "sales", "shared"]);
    });
    // Debounced: one search, for the whole word.
    expect(commands.goalMapSearch).toHaveBeenCalledTimes(1);
    expect(commands.goalMapSearch).toHaveBeenCalledWith("shared", null);
    expect(box).toHaveFocus();
    expect(item("shared", 0)).toHaveAttribute("data-match", "true");
    expect(item("shared", 1)).toHaveAttribute("data-match", "true");
    expect(item("shared", 1)).toHaveAttribute("aria-label", expect.stringContaining("matches the search") as string);
    expect(item("sales")).not.toHaveAttribute("data-match");
    expect(item("sales")).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByTestId("alignment-matches")).toHaveTextContent("2 goals match");
    const links = screen.getAllByTestId("tree-link").filter((l) => l.textContent.includes("Shared routing"));
    expect(links).toHaveLength(2);
    const unconnected = screen.getByTestId("alignment-unconnected");
    expect(unconnected).toHaveTextContent("Not connected to a company goal");
    expect(within(unconnected).getByRole("link", { name: "Shared drive tidy-up" })).toHaveAttribute("href", "#/goals/lost");
    expect(within(screen.getByRole("tree")).queryByText("Shared drive tidy-up")).not.toBeInTheDocument();

    await user.clear(box);
    await waitFor(() => {
      expect(treeIds()).toEqual(["co", "ops", "sales", "co2"]);
    });
    expect(screen.queryByTestId("alignment-unconnected")).not.toBeInTheDocument();
    expect(screen.getByTestId("alignment-matches")).toHaveTextContent("2 company goals");
  });

  it("search reads further pages of a level to reach a hit", async () => {
    serve(bigCascade());
    vi.mocked(commands.goalMapSearch).mockResolvedValue([hit("k420", "Key result k420", [["big", "k420"]])]);
    const { user } = await openMap();
    await user.type(screen.getByTestId("alignment-search"), "k420");
    await waitFor(() => {
      expect(treeIds()).toEqual(["big", "k420"]);
    });
    expect(mapCalls().filter((c) => c.parent === "big").map((c) => c.offset)).toEqual([0, 200, 400]);
    expect(screen.queryByTestId("tree-more")).not.toBeInTheDocument();
  });

  it("says so when nothing matches", async () => {
    const { user } = await openMap();
    await user.type(screen.getByTestId("alignment-search"), "nothing like this");
    await waitFor(() => {
      expect(screen.getByTestId("alignment-matches")).toHaveTextContent("No goal matches");
    });
    expect(screen.queryByRole("tree")).not.toBeInTheDocument();
    expect(screen.getByTestId("alignment-search")).toHaveFocus();
  });

  it("shows a level that cannot be read with Try again", async () => {
    const { user } = await openMap();
    vi.mocked(commands.goalMap).mockRejectedValueOnce({ code: "storage", message: "disk I/O error", field: null });
    await user.click(within(item("co")).getByTestId("tree-toggle"));
    const error = await screen.findByTestId("tree-level-error");
    expect(error).toHaveTextContent("disk I/O error");
    await user.click(within(error).getByRole("button", { name: "Try again" }));
    await waitFor(() => {
      expect(treeIds()).toEqual(["co", "ops", "sales", "co2"]);
    });
  });

  it("shows an error with Try again when the top cannot be read", async () => {
    vi.mocked(commands.goalMap).mockRejectedValueOnce({ code: "storage", message: "database is locked", field: null });
    const { user } = renderApp();
    expect(await screen.findByTestId("goals-error")).toHaveTextContent("database is locked");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("tree")).toBeInTheDocument();
  });

  it("walks only what is expanded, so a huge cascade stays cheap", () => {
    const levels = new Map<string | null, GoalMapLevel>();
    const level = (rows: GoalMapLevel["rows"], total: number): GoalMapLevel => ({ rows, total, loading: false, error: null, retry: () => undefined });
    const row = (id: string, children: number) => ({ goal: makeGoal({ id, title: id }), rolledUp: 0.5, weight: 1, children });
    const roots = Array.from({ length: 20 }, (_, r) => row(`r${r}`, 5000));
    levels.set(null, level(roots, 20));
    for (let r = 0; r < 20; r++) levels.set(`r${r}`, level(Array.from({ length: 200 }, (_, c) => row(`r${r}c${c}`, 3)), 5000));
    const state = { ...EMPTY_TREE, overrides: new Map(roots.map((x) => [`/${x.goal.id}`, true])) };
    // 20 roots, each with a page of 200 and a "more" row; nothing below is read.
    expect(visibleRows(levels, state, null)).toHaveLength(20 * 202);
    expect(levelRequests(state, null)).toHaveLength(21);
    // A collapsed root's expanded children are not read.
    const hidden = { ...state, overrides: new Map([...state.overrides, ["/r0", false], ["/r0/r0c1", true]]) };
    expect(levelRequests(hidden, null).map((r) => r.parent)).not.toContain("r0c1");
  });

  it("lists alignment problems with links to the goals", async () => {
    vi.mocked(commands.alignmentProblems).mockResolvedValue({
      orphans: [
        { id: "g-orphan", title: "Reorganise the shared drive", weight: 1 },
        { id: "g-orphan-2", title: "Tidy the CRM", weight: 1 },
      ],
      inactiveParents: [
        { goal: { id: "g-a", title: "Launch in Spain", weight: 1 }, parent: { id: "g-p", title: "Expand to Iberia", weight: 1 }, parentState: "cancelled" },
      ],
      opposingSiblings: [
        {
          parent: { id: "co", title: "Delight customers", weight: 1 },
          raising: { id: "g-up", title: "More same-day orders", weight: 1 },
          lowering: { id: "g-down", title: "Fewer same-day orders", weight: 1 },
          measure: "same-day orders",
        },
      ],
    });
    renderApp();
    const panel = await screen.findByTestId("alignment-problems");
    const orphans = await within(panel).findAllByTestId("orphan");
    expect(orphans).toHaveLength(2);
    expect(within(orphans[0] ?? panel).getByRole("link", { name: "Reorganise the shared drive" })).toHaveAttribute(
      "href",
      "#/goals/g-orphan",
    );
    expect(within(panel).getByTestId("inactive-parent")).toHaveTextContent("Launch in Spain contributes to Expand to Iberia (cancelled)");
    expect(within(panel).getByTestId("opposing-siblings")).toHaveTextContent("same-day orders");
    expect(within(panel).getByTestId("alignment-problem-count")).toHaveTextContent("4 problems");
  });

  it("shows an honest empty state with no goals", async () => {
    serve({ goals: {}, roots: [], children: {} });
    renderApp();
    expect(await screen.findByTestId("empty-state")).toHaveTextContent(/company goals sit at the top/i);
    expect(await screen.findByTestId("alignment-problem-count")).toHaveTextContent("No alignment problems");
  });
});
