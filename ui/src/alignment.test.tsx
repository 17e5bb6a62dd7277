import { act, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type Cascade, type CascadeNode } from "./ipc/bindings";
import { visibleRows } from "./screens/AlignmentScreen";
import { makeGoal } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: { appInfo: vi.fn(), onboardingState: vi.fn(), inbox: vi.fn(() => Promise.resolve([])), goalTree: vi.fn(), alignmentProblems: vi.fn() },
}));

function node(id: string, title: string, children: [string, number][] = [], rolledUp = 0.5, ownerName = "Northwind"): CascadeNode {
  return { goal: makeGoal({ id, title, ownerName, status: "on_track" }), rolledUp, children };
}

/** Company → Sales, Operations; "Shared routing" serves both (×2 under Sales, ×1 under Operations). */
const CASCADE: Cascade = {
  roots: ["co"],
  nodes: {
    co: node("co", "Delight customers", [
      ["sales", 1],
      ["ops", 1],
    ], 0.42),
    sales: node("sales", "Grow revenue", [
      ["shared", 2],
      ["s1", 1],
    ]),
    ops: node("ops", "Faster fulfilment", [["shared", 1]]),
    shared: node("shared", "Shared routing", [], 0.3, "Maria Keller"),
    s1: node("s1", "Book demos"),
  },
};

function treeItems(): HTMLElement[] {
  return screen.getAllByRole("treeitem");
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

describe("Alignment map", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.goalTree).mockResolvedValue(CASCADE);
    vi.mocked(commands.alignmentProblems).mockResolvedValue({ orphans: [], inactiveParents: [], opposingSiblings: [] });
    window.location.hash = "#/alignment";
  });

  it("shows the cascade with roots expanded and the rest collapsed", async () => {
    renderApp();
    const tree = await screen.findByRole("tree");
    expect(commands.goalTree).toHaveBeenCalledWith(null, null);
    expect(document.querySelector("main")).toHaveAttribute("data-screen", "alignment");
    expect(treeItems().map((i) => i.dataset.goalId)).toEqual(["co", "sales", "ops"]);
    const root = item("co");
    expect(root).toHaveAttribute("aria-expanded", "true");
    expect(root).toHaveAttribute("aria-level", "1");
    expect(within(root).getByTestId("tree-progress")).toHaveTextContent("42 %");
    expect(within(root).getByTestId("status-chip")).toHaveTextContent("On track");
    expect(within(root).getByRole("link", { name: "Delight customers" })).toHaveAttribute("href", "#/goals/co");
    expect(item("sales")).toHaveAttribute("aria-expanded", "false");
    expect(item("sales")).toHaveAttribute("aria-level", "2");
    expect(within(tree).queryByText("Shared routing")).not.toBeInTheDocument();
    // One tab stop: the first item.
    expect(treeItems().filter((i) => i.tabIndex === 0)).toEqual([root]);
  });

  it("expands with the keyboard and shows a multi-parent goal under both parents with its weights", async () => {
    const { user } = renderApp();
    await screen.findByRole("tree");
    focusItem(item("co"));
    await user.keyboard("{ArrowDown}");
    expect(item("sales")).toHaveFocus();
    await user.keyboard("{ArrowRight}");
    expect(item("sales")).toHaveAttribute("aria-expanded", "true");
    expect(treeItems().map((i) => i.dataset.goalId)).toEqual(["co", "sales", "shared", "s1", "ops"]);
    expect(within(item("shared", 0)).getByTestId("tree-weight")).toHaveTextContent("×2");

    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}");
    expect(item("ops")).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(item("ops")).toHaveAttribute("aria-expanded", "true");
    const shared = screen.getAllByTestId("tree-node").filter((n) => n.dataset.goalId === "shared");
    expect(shared).toHaveLength(2);
    expect(shared.map((n) => within(n).getByTestId("tree-weight").textContent)).toEqual(["×2", "×1"]);
    expect(shared[0]).toHaveTextContent("2 parents");
    expect(shared[1]).toHaveAttribute("aria-level", "3");

    // Left on a child goes to its parent; Left on an expanded node collapses it.
    await user.keyboard("{ArrowDown}");
    expect(item("shared", 1)).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(item("ops")).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(item("ops")).toHaveAttribute("aria-expanded", "false");
    expect(screen.getAllByTestId("tree-node").filter((n) => n.dataset.goalId === "shared")).toHaveLength(1);
    await user.keyboard("{Home}");
    expect(item("co")).toHaveFocus();
    await user.keyboard("{End}");
    expect(item("ops")).toHaveFocus();
  });

  it("opens a leaf goal with Enter", async () => {
    const { user } = renderApp();
    await screen.findByRole("tree");
    focusItem(item("sales"));
    await user.keyboard("{ArrowRight}{ArrowDown}{ArrowDown}");
    expect(item("s1")).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(window.location.hash).toBe("#/goals/s1");
  });

  it("search filters to matches and expands the way to them", async () => {
    const { user } = renderApp();
    await screen.findByRole("tree");
    await user.type(screen.getByTestId("alignment-search"), "shared");
    await waitFor(() => {
      expect(treeItems().map((i) => i.dataset.goalId)).toEqual(["co", "sales", "shared", "ops", "shared"]);
    });
    expect(screen.getByTestId("alignment-matches")).toHaveTextContent("1 goal matches");
    await user.clear(screen.getByTestId("alignment-search"));
    await user.type(screen.getByTestId("alignment-search"), "maria");
    await waitFor(() => {
      expect(screen.getAllByTestId("tree-node").filter((n) => n.dataset.goalId === "shared")).toHaveLength(2);
    });
    await user.clear(screen.getByTestId("alignment-search"));
    await user.type(screen.getByTestId("alignment-search"), "nothing like this");
    await waitFor(() => {
      expect(screen.queryByRole("tree")).not.toBeInTheDocument();
    });
    expect(screen.getByTestId("alignment-matches")).toHaveTextContent("No goal matches");
  });

  it("caps each level at 50 with “Show N more”", async () => {
    const children: [string, number][] = Array.from({ length: 120 }, (_, i) => [`k${i}`, 1]);
    const nodes: Cascade["nodes"] = { big: node("big", "Big objective", children) };
    for (const [id] of children) nodes[id] = node(id, `Key result ${id}`);
    vi.mocked(commands.goalTree).mockResolvedValue({ roots: ["big"], nodes });
    const { user } = renderApp();
    await screen.findByRole("tree");
    expect(screen.getAllByTestId("tree-node")).toHaveLength(51);
    const more = screen.getByTestId("tree-more");
    expect(more).toHaveTextContent("Show 50 more");
    expect(more).toHaveTextContent("70 not shown");
    await user.click(more);
    expect(screen.getAllByTestId("tree-node")).toHaveLength(101);
    // Keyboard: End reaches the "more" row, Enter shows the rest and focus lands on the first new one.
    focusItem(item("big"));
    await user.keyboard("{End}");
    expect(screen.getByTestId("tree-more")).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(screen.getAllByTestId("tree-node")).toHaveLength(121);
    expect(screen.queryByTestId("tree-more")).not.toBeInTheDocument();
    expect(item("k100")).toHaveFocus();
  });

  it("only walks expanded nodes, so a huge cascade stays cheap", () => {
    const nodes: Cascade["nodes"] = {};
    const roots: string[] = [];
    for (let r = 0; r < 20; r++) {
      const kids: [string, number][] = [];
      for (let c = 0; c < 500; c++) {
        const id = `r${r}c${c}`;
        nodes[id] = node(id, id);
        kids.push([id, 1]);
      }
      nodes[`r${r}`] = node(`r${r}`, `Root ${r}`, kids);
      roots.push(`r${r}`);
    }
    const rows = visibleRows({ roots, nodes }, { overrides: new Map(), limits: new Map() }, null);
    // 20 roots, each expanded with 50 children and a "more" row.
    expect(rows).toHaveLength(20 * 52);
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
    vi.mocked(commands.goalTree).mockResolvedValue({ roots: [], nodes: {} });
    renderApp();
    expect(await screen.findByTestId("empty-state")).toHaveTextContent(/company goals sit at the top/i);
    expect(await screen.findByTestId("alignment-problem-count")).toHaveTextContent("No alignment problems");
  });
});
