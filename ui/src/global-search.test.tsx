import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { searchItems } from "./components/GlobalSearchDialog";
import { commands, type SearchResults } from "./ipc/bindings";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(),
    inbox: vi.fn(() => Promise.resolve([])),
    listGoals: vi.fn(() => Promise.resolve([])),
    goalDetail: vi.fn(() => new Promise(() => undefined)),
    goalInsight: vi.fn(() => new Promise(() => undefined)),
    cycles: vi.fn(() => Promise.resolve([])),
    globalSearch: vi.fn(),
  },
}));

const RESULTS: SearchResults = {
  goals: [
    { id: "g-1", title: "Cut order processing time", weight: 1 },
    { id: "g-2", title: "Order accuracy above 99 %", weight: 1 },
  ],
  people: [{ id: "p-7", name: "Oren Ortiz", title: "Operations Lead", unit: "Operations" }],
  units: [{ id: "u-ops", name: "Operations", kind: "department", lead: "Oren Ortiz" }],
};

function results(): HTMLElement[] {
  return screen.queryAllByTestId("global-search-result");
}

function selected(): HTMLElement | undefined {
  return results().find((r) => r.getAttribute("aria-selected") === "true");
}

async function openAndType(text: string) {
  const app = renderApp();
  await app.user.click(screen.getByTestId("open-global-search"));
  const input = screen.getByTestId("global-search-input");
  expect(input).toHaveFocus();
  await app.user.type(input, text);
  return { ...app, input };
}

describe("global search", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.globalSearch).mockResolvedValue(RESULTS);
  });

  it("opens from the top bar button as a modal dialog and closes on Esc, returning focus", async () => {
    const { user } = renderApp();
    const button = screen.getByTestId("open-global-search");
    await user.click(button);
    const dialog = screen.getByTestId("global-search-dialog");
    expect(dialog).toHaveAttribute("role", "dialog");
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(document.querySelector(".app")).toHaveAttribute("inert");
    expect(screen.getByTestId("global-search-status")).toHaveTextContent("Type to search");
    // Tab stays inside.
    for (let i = 0; i < 4; i += 1) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("global-search-dialog")).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it("searches once typing pauses and groups goals, people and org units", async () => {
    await openAndType("ord");
    await waitFor(() => {
      expect(results()).toHaveLength(4);
    });
    // Debounced: one call for the whole word, not one per key.
    expect(commands.globalSearch).toHaveBeenCalledTimes(1);
    expect(commands.globalSearch).toHaveBeenCalledWith("ord");
    const goals = screen.getByRole("group", { name: "Goals" });
    const people = screen.getByRole("group", { name: "People" });
    const units = screen.getByRole("group", { name: "Org units" });
    expect(within(goals).getAllByTestId("global-search-result").map((r) => r.getAttribute("data-id"))).toEqual(["g-1", "g-2"]);
    expect(within(people).getByTestId("global-search-result")).toHaveAttribute("data-kind", "person");
    expect(within(people).getByTestId("global-search-result")).toHaveTextContent("Operations Lead · Operations");
    expect(within(units).getByTestId("global-search-result")).toHaveAttribute("data-kind", "unit");
    expect(within(units).getByTestId("global-search-result")).toHaveTextContent("Department · led by Oren Ortiz");
    expect(screen.getByTestId("global-search-status")).toHaveTextContent("4 results");
  });

  it("moves with ↑/↓ (wrapping) and Enter opens the goal", async () => {
    const { user, input } = await openAndType("ord");
    await waitFor(() => {
      expect(results()).toHaveLength(4);
    });
    expect(selected()).toHaveAttribute("data-id", "g-1");
    expect(input).toHaveAttribute("aria-activedescendant", selected()?.id);
    await user.keyboard("{ArrowDown}");
    expect(selected()).toHaveAttribute("data-id", "g-2");
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(selected()).toHaveAttribute("data-id", "u-ops");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(selected()).toHaveAttribute("data-id", "g-2");
    expect(input).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(screen.queryByTestId("global-search-dialog")).not.toBeInTheDocument();
    expect(window.location.hash).toBe("#/goals/g-2");
  });

  it("Enter on a person opens the Goals screen filtered to them; on a unit, to that unit", async () => {
    const { user } = await openAndType("o");
    await waitFor(() => {
      expect(results()).toHaveLength(4);
    });
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(window.location.hash).toBe("#/goals?owner=p-7");
    await waitFor(() => {
      expect(commands.listGoals).toHaveBeenCalledWith(expect.objectContaining({ scope: "person", person: "p-7" }));
    });

    await user.keyboard("{Control>}k{/Control}");
    await user.type(screen.getByTestId("global-search-input"), "ops");
    await waitFor(() => {
      expect(results()).toHaveLength(4);
    });
    await user.keyboard("{ArrowUp}{Enter}");
    expect(window.location.hash).toBe("#/goals?unit=u-ops");
    await waitFor(() => {
      expect(commands.listGoals).toHaveBeenCalledWith(expect.objectContaining({ scope: "unit", unit: "u-ops", person: null }));
    });
  });

  it("a click opens a result too", async () => {
    const { user } = await openAndType("ord");
    await waitFor(() => {
      expect(results()).toHaveLength(4);
    });
    const person = results().find((r) => r.getAttribute("data-kind") === "person");
    if (!person) throw new Error("no person");
    await user.click(person);
    expect(window.location.hash).toBe("#/goals?owner=p-7");
  });

  it("says when nothing matches", async () => {
    vi.mocked(commands.globalSearch).mockResolvedValue({ goals: [], people: [], units: [] });
    const { user } = await openAndType("zzz");
    expect(await screen.findByText("No match for “zzz”.")).toBeInTheDocument();
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("global-search-dialog")).toBeInTheDocument();
  });

  it("shows the core's error in the dialog", async () => {
    vi.mocked(commands.globalSearch).mockRejectedValue({ code: "storage", message: "database is locked", field: null });
    await openAndType("ord");
    const error = await screen.findByTestId("global-search-error");
    expect(error).toHaveTextContent("database is locked");
    expect(screen.getByTestId("global-search-dialog")).toContainElement(error);
  });

  it("maps results to their destinations", () => {
    expect(searchItems(RESULTS).map((i) => i.path)).toEqual([
      "/goals/g-1",
      "/goals/g-2",
      "/goals?owner=p-7",
      "/goals?unit=u-ops",
    ]);
  });
});
