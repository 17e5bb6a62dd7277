import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { AppProviders } from "./AppProviders";
import { GOAL_ROW_HEIGHT, GoalTable } from "./components/GoalTable";
import { createQueryClient, GOAL_PAGE_SIZE, queryKeys, type GoalSummary } from "./ipc";
import { commands } from "./ipc/bindings";
import { formatNumber } from "./format";
import { makeGoal } from "./test/fixtures";
import { SAMPLE_INFO, SET_UP } from "./test/render";
import { visibleSpan } from "./windowing";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(),
    inbox: vi.fn(() => Promise.resolve([])),
    listGoals: vi.fn(),
    cycles: vi.fn(() => Promise.resolve([])),
  },
}));

const LOADED = 5000;

function goal(i: number): GoalSummary {
  return makeGoal({ id: `g-${i}`, title: `Goal ${i}`, ownerName: i % 2 === 0 ? "Ada Lovelace" : "Grace Hopper" });
}

const GOALS = Array.from({ length: LOADED }, (_, i) => goal(i));

function rows(): HTMLElement[] {
  return screen.getAllByTestId("goal-row");
}

function rowIndexes(): number[] {
  return rows().map((r) => Number(r.getAttribute("data-row-index")));
}

/**
 * jsdom has no layout: stand in for the screen's scrolling. `scrollTop` is how
 * far the goal table's body has scrolled above the viewport's top; a row's
 * `scrollIntoView({ block: "nearest" })` scrolls just enough to show it, as a
 * browser does, and every scroll fires a scroll event.
 */
function fakeLayout() {
  let scrollTop = 0;
  const viewport = window.innerHeight;
  const scrolled = () => {
    fireEvent.scroll(document.getElementById("content") ?? document);
  };
  vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
    return DOMRect.fromRect({ x: 0, y: this.tagName === "TBODY" ? -scrollTop : 0, width: 800, height: 0 });
  });
  Object.defineProperty(HTMLElement.prototype, "scrollIntoView", {
    configurable: true,
    value: function scrollIntoView(this: HTMLElement) {
      const top = Number(this.getAttribute("data-row-index")) * GOAL_ROW_HEIGHT;
      if (top < scrollTop) scrollTop = top;
      else if (top + GOAL_ROW_HEIGHT > scrollTop + viewport) scrollTop = top + GOAL_ROW_HEIGHT - viewport;
      else return;
      scrolled();
    },
  });
  return {
    scrollTo(top: number) {
      scrollTop = top;
      scrolled();
    },
    get scrollTop() {
      return scrollTop;
    },
  };
}

/** The Goals screen with 5,000 goals already loaded (50 pages of 100), the way scrolling a big list leaves it. */
function renderLoadedGoals() {
  const client = createQueryClient();
  const pages: GoalSummary[][] = [];
  for (let i = 0; i < LOADED; i += GOAL_PAGE_SIZE) pages.push(GOALS.slice(i, i + GOAL_PAGE_SIZE));
  client.setQueryData(queryKeys.allGoals(null), { pages, pageParams: pages.map((_, i) => i * GOAL_PAGE_SIZE) });
  const user = userEvent.setup();
  render(
    <AppProviders client={client}>
      <App />
    </AppProviders>,
  );
  return { user, client };
}

describe("windowed goal list", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    // The page after the 5,000 loaded goals.
    vi.mocked(commands.listGoals).mockImplementation((input) =>
      Promise.resolve(
        input.offset === LOADED
          ? Array.from({ length: GOAL_PAGE_SIZE }, (_, i) => goal(LOADED + i))
          : [],
      ),
    );
    window.location.hash = "#/goals";
  });

  afterEach(() => {
    vi.restoreAllMocks();
    Reflect.deleteProperty(HTMLElement.prototype, "scrollIntoView");
  });

  it("keeps only a window of rows in the DOM, with the full size in aria-rowcount", async () => {
    renderLoadedGoals();
    const table = await screen.findByTestId("goal-table");
    expect(screen.getByTestId("goals-shown")).toHaveTextContent(`${formatNumber(LOADED)} goals loaded`);
    // 5,000 goals + the header row.
    expect(table).toHaveAttribute("aria-rowcount", String(LOADED + 1));
    expect(table.querySelectorAll("tr").length).toBeLessThan(100);
    expect(rows().length).toBeGreaterThan(10);
    expect(rowIndexes()[0]).toBe(0);
    expect(rows()[0]).toHaveAttribute("aria-rowindex", "2");
    expect(table.querySelector("thead tr")).toHaveAttribute("aria-rowindex", "1");
    // Nothing above the first row; the rest of the list's height below the window.
    expect(screen.queryByTestId("goal-table-spacer-before")).not.toBeInTheDocument();
    const after = screen.getByTestId("goal-table-spacer-after").querySelector("td");
    expect(after?.style.height).toBe(`${(LOADED - rows().length) * GOAL_ROW_HEIGHT}px`);
    // The row height lives in one place: the stylesheet reads it from the table.
    expect(table.style.getPropertyValue("--goal-row-height")).toBe(`${GOAL_ROW_HEIGHT}px`);
    // Nowhere near the end: nothing more is read.
    expect(commands.listGoals).not.toHaveBeenCalled();
  });

  it("renders the rows at the new position when the list scrolls", async () => {
    const layout = fakeLayout();
    renderLoadedGoals();
    await screen.findByTestId("goal-table");

    act(() => {
      layout.scrollTo(2500 * GOAL_ROW_HEIGHT);
    });
    const indexes = rowIndexes();
    expect(indexes).toContain(2500);
    expect(indexes).not.toContain(0);
    expect(indexes.length).toBeLessThan(100);
    const first = indexes[0] ?? -1;
    expect(indexes).toEqual(Array.from({ length: indexes.length }, (_, i) => first + i));
    const row = screen.getAllByTestId("goal-row").find((r) => r.getAttribute("data-row-index") === "2500");
    expect(row).toHaveAttribute("data-goal-id", "g-2500");
    expect(row).toHaveAttribute("aria-rowindex", "2502");
    // The spacers add up to the rows that are not rendered.
    const before = screen.getByTestId("goal-table-spacer-before").querySelector("td");
    const after = screen.getByTestId("goal-table-spacer-after").querySelector("td");
    expect(before?.style.height).toBe(`${first * GOAL_ROW_HEIGHT}px`);
    expect(after?.style.height).toBe(`${(LOADED - first - indexes.length) * GOAL_ROW_HEIGHT}px`);

    // Back to the top.
    act(() => {
      layout.scrollTo(0);
    });
    expect(rowIndexes()[0]).toBe(0);
    expect(screen.queryByTestId("goal-table-spacer-before")).not.toBeInTheDocument();
  });

  it("moves the focus with the keyboard; End reaches the last loaded row and loads more", async () => {
    const layout = fakeLayout();
    const { user } = renderLoadedGoals();
    await screen.findByTestId("goal-table");
    const first = rows()[0];
    if (first === undefined) throw new Error("no rows");
    // Only the first row is a Tab stop; the others are reached with the arrow keys.
    expect(first).toHaveAttribute("tabindex", "0");
    expect(rows()[1]).toHaveAttribute("tabindex", "-1");
    act(() => {
      first.focus();
    });

    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toHaveAttribute("data-goal-id", "g-1");
    expect(document.activeElement).toHaveAttribute("tabindex", "0");
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(document.activeElement).toHaveAttribute("data-goal-id", "g-0");

    const page = visibleSpan(0, window.innerHeight, GOAL_ROW_HEIGHT).page;
    await user.keyboard("{PageDown}");
    expect(document.activeElement).toHaveAttribute("data-row-index", String(page));
    await user.keyboard("{PageUp}");
    expect(document.activeElement).toHaveAttribute("data-row-index", "0");

    await user.keyboard("{End}");
    expect(document.activeElement).toHaveAttribute("data-goal-id", `g-${LOADED - 1}`);
    expect(document.activeElement).toHaveAttribute("aria-rowindex", String(LOADED + 1));
    // Scrolled to the bottom of the list, with only the rows there rendered.
    expect(layout.scrollTop).toBe(LOADED * GOAL_ROW_HEIGHT - window.innerHeight);
    expect(rowIndexes()).not.toContain(0);
    expect(screen.getByTestId("goal-table").querySelectorAll("tr").length).toBeLessThan(100);
    // Near the end of what is loaded, the next page is read.
    await waitFor(() => {
      expect(commands.listGoals).toHaveBeenCalledWith(expect.objectContaining({ offset: LOADED, limit: GOAL_PAGE_SIZE }));
    });
    await waitFor(() => {
      expect(screen.getByTestId("goal-table")).toHaveAttribute("aria-rowcount", String(LOADED + GOAL_PAGE_SIZE + 1));
    });
    // The focus stays on the row it was on.
    expect(document.activeElement).toHaveAttribute("data-goal-id", `g-${LOADED - 1}`);

    await user.keyboard("{End}");
    expect(document.activeElement).toHaveAttribute("data-goal-id", `g-${LOADED + GOAL_PAGE_SIZE - 1}`);

    await user.keyboard("{Home}");
    expect(document.activeElement).toHaveAttribute("data-goal-id", "g-0");
    expect(layout.scrollTop).toBe(0);
    expect(rowIndexes()[0]).toBe(0);
  });

  it("filters within the window's rows and does not read every page while filtering", async () => {
    const { user } = renderLoadedGoals();
    await screen.findByTestId("goal-table");
    await user.type(screen.getByTestId("goal-filter"), "grace");
    await waitFor(() => {
      expect(screen.getByTestId("goal-table")).toHaveAttribute("aria-rowcount", String(LOADED / 2 + 1));
    });
    expect(rows().every((r) => r.textContent.includes("Grace Hopper"))).toBe(true);
    const first = rows()[0];
    if (first === undefined) throw new Error("no rows");
    act(() => {
      first.focus();
    });
    await user.keyboard("{End}");
    expect(document.activeElement).toHaveAttribute("data-goal-id", `g-${LOADED - 1}`);
    expect(commands.listGoals).not.toHaveBeenCalled();
    expect(screen.getByTestId("load-more")).toBeInTheDocument();
  });
});

describe("GoalTable", () => {
  it("opens the goal on Enter, from the row or from its link", async () => {
    const user = userEvent.setup();
    render(<GoalTable goals={GOALS.slice(0, 30)} caption="Goals" />);
    const row = rows()[3];
    if (row === undefined) throw new Error("no rows");
    act(() => {
      row.focus();
    });
    await user.keyboard("{Enter}");
    expect(window.location.hash).toBe("#/goals/g-3");
    expect(row.querySelector("a")).toHaveAttribute("href", "#/goals/g-3");
  });

  it("renders every row of a short list", () => {
    render(<GoalTable goals={GOALS.slice(0, 3)} caption="Goals" />);
    expect(rows()).toHaveLength(3);
    expect(screen.getByTestId("goal-table")).toHaveAttribute("aria-rowcount", "4");
    expect(screen.queryByTestId("goal-table-spacer-before")).not.toBeInTheDocument();
    expect(screen.queryByTestId("goal-table-spacer-after")).not.toBeInTheDocument();
  });
});

describe("shortcuts dialog", () => {
  it("lists the goal list keys", async () => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.listGoals).mockResolvedValue([]);
    const { user } = renderLoadedGoals();
    await user.keyboard("?");
    expect(await screen.findByTestId("shortcuts-goal-lists")).toHaveTextContent(/First or last goal\s*Home End/);
  });
});
