import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "./ipc/bindings";
import { fakeGoalMap, hit, type FakeCascade } from "./test/cascade";
import { emitEvent, listenerCount, resetEvents } from "./test/events";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(),
    inbox: vi.fn(() => Promise.resolve([])),
    syncStatus: vi.fn(() => new Promise(() => undefined)),
    goalMap: vi.fn(),
    goalMapSearch: vi.fn(),
    alignmentProblems: vi.fn(),
  },
  events: { changed: "stride://changed", progress: "stride://progress", sync: "stride://sync" },
}));

// Inside "Tauri": the app hears stride://changed through the fake event bus.
vi.mock("@tauri-apps/api/event", async () => ({ listen: (await import("./test/events")).fakeListen }));
vi.mock("@tauri-apps/api/core", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@tauri-apps/api/core")>()),
  isTauri: () => true,
}));

function cascade(opsProgress: number): FakeCascade {
  return {
    goals: {
      co: { title: "Delight customers", rolledUp: 0.4 },
      ops: { title: "Faster fulfilment", rolledUp: opsProgress },
      late: { title: "Late deliveries down", rolledUp: opsProgress },
    },
    roots: ["co"],
    children: { co: [["ops", 1]], ops: [["late", 1]] },
  };
}

function serve(c: FakeCascade): void {
  vi.mocked(commands.goalMap).mockImplementation((input) => Promise.resolve(fakeGoalMap(c, input)));
}

function progressOf(id: string): string {
  const node = screen.getAllByTestId("tree-node").find((n) => n.dataset.goalId === id);
  if (!node) throw new Error(`no tree node ${id}`);
  return within(node).getByTestId("tree-progress").textContent;
}

describe("Alignment map, live", () => {
  beforeEach(() => {
    resetEvents();
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.goalMap).mockReset();
    vi.mocked(commands.goalMapSearch).mockReset();
    vi.mocked(commands.alignmentProblems).mockResolvedValue({ orphans: [], inactiveParents: [], opposingSiblings: [] });
    window.location.hash = "#/alignment";
  });

  it("reads every expanded level again on stride://changed, keeping the expansion", async () => {
    serve(cascade(0.2));
    const { user } = renderApp();
    await screen.findByRole("tree");
    await user.click(within(screen.getByRole("treeitem", { name: /Delight customers/ })).getByTestId("tree-toggle"));
    await screen.findByText("Faster fulfilment");
    expect(progressOf("ops")).toBe("20 %");
    await waitFor(() => {
      expect(listenerCount("stride://changed")).toBeGreaterThan(0);
    });
    const before = vi.mocked(commands.goalMap).mock.calls.length;

    serve(cascade(0.9));
    emitEvent("stride://changed");
    await waitFor(() => {
      expect(progressOf("ops")).toBe("90 %");
    });
    const again = vi.mocked(commands.goalMap).mock.calls.slice(before).map(([input]) => input.parent);
    expect(again.sort()).toEqual(["co", null].sort());
    expect(screen.getAllByTestId("tree-node").map((n) => n.dataset.goalId)).toEqual(["co", "ops"]);
  });

  it("keeps a search's hits current on stride://changed", async () => {
    serve(cascade(0.2));
    vi.mocked(commands.goalMapSearch).mockResolvedValue([hit("late", "Late deliveries down", [["co", "ops", "late"]])]);
    const { user } = renderApp();
    await screen.findByRole("tree");
    await user.type(screen.getByTestId("alignment-search"), "late");
    await waitFor(() => {
      expect(progressOf("late")).toBe("20 %");
    });
    serve(cascade(1));
    emitEvent("stride://changed");
    await waitFor(() => {
      expect(progressOf("late")).toBe("100 %");
    });
    expect(screen.getAllByTestId("tree-node").map((n) => n.dataset.goalId)).toEqual(["co", "ops", "late"]);
  });
});
