import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addDays, groupByDay, isoDay, snoozeUntil } from "./inbox";
import type { AlertStateInput, InboxItem } from "./ipc";
import { commands } from "./ipc/bindings";
import { makeDetail } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(),
    inbox: vi.fn(),
    setAlertState: vi.fn(),
    listGoals: vi.fn(),
    goalDetail: vi.fn(),
    goalInsight: vi.fn(),
    addCheckIn: vi.fn(),
  },
}));

// Wednesday 13 May 2026, 10:00 local time.
const NOW = new Date(2026, 4, 13, 10, 0);

function item(overrides: Partial<InboxItem> & Pick<InboxItem, "id" | "kind">): InboxItem {
  return {
    goal: "g-1",
    goalTitle: "Cut order processing time",
    reason: "At the current pace of −1.1 h/week, 38.5 h by 30 Jun; target 32 h; 12 % chance.",
    raisedOn: "2026-05-13",
    state: "new",
    ...overrides,
  };
}

const ITEMS: InboxItem[] = [
  item({ id: "a1", kind: "check_in_due", reason: "Weekly check-in due today." }),
  item({ id: "a2", kind: "off_track", goal: "g-2", goalTitle: "Book 40 demos", state: "seen", reason: "Off track: 12 of 40 demos with half the time gone." }),
  item({ id: "a3", kind: "activity_below_target", goal: "g-3", goalTitle: "Make 20 calls a day", raisedOn: "2026-05-12", reason: "Last week averaged 14 calls a day; the weekly target is 20." }),
  item({ id: "a4", kind: "missed_check_ins", goal: "g-3", goalTitle: "Make 20 calls a day", raisedOn: "2026-05-12", reason: "No check-in for two weeks." }),
  item({ id: "a5", kind: "at_risk", raisedOn: "2026-05-04", state: "seen", reason: "Behind the expected pace." }),
  item({ id: "a6", kind: "low_probability", goal: "g-2", goalTitle: "Book 40 demos", raisedOn: "2026-05-04", state: "seen", reason: "12 % chance of reaching 40." }),
  item({ id: "a7", kind: "checkpoint_soon", raisedOn: "2026-05-04", state: "seen", reason: "Six-week review on 18 May." }),
];

/** A tiny fake of the core's inbox: set_alert_state changes what inbox answers next. */
function fakeInbox(items: InboxItem[]) {
  const store = new Map(items.map((i) => [i.id, { ...i }]));
  vi.mocked(commands.inbox).mockImplementation(() =>
    Promise.resolve([...store.values()].filter((i) => i.state === "new" || i.state === "seen")),
  );
  vi.mocked(commands.setAlertState).mockImplementation((input: AlertStateInput) => {
    const found = store.get(input.id);
    if (found) found.state = input.state;
    return Promise.resolve(null);
  });
}

function rows(): HTMLElement[] {
  return screen.queryAllByTestId("inbox-item");
}

function ids(): (string | undefined)[] {
  return rows().map((r) => r.dataset.alertId);
}

function row(id: string): HTMLElement {
  const found = rows().find((r) => r.dataset.alertId === id);
  if (!found) throw new Error(`no inbox item ${id}`);
  return found;
}

describe("Inbox", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.listGoals).mockResolvedValue([]);
    vi.mocked(commands.goalDetail).mockImplementation((id) => Promise.resolve(makeDetail({}, { id, title: `Goal ${id}` })));
    vi.mocked(commands.goalInsight).mockRejectedValue({ code: "internal", message: "no chart here", field: null });
    fakeInbox(ITEMS);
    window.location.hash = "#/inbox";
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("groups items by day and shows each kind, goal link, reason and state", async () => {
    renderApp();
    await screen.findAllByTestId("inbox-item");
    expect(commands.inbox).toHaveBeenCalledWith(null);
    expect(document.querySelector("main")).toHaveAttribute("data-screen", "inbox");

    const days = screen.getAllByTestId("inbox-day");
    expect(days.map((d) => within(d).getByRole("heading", { level: 2 }).textContent)).toEqual([
      "Today",
      "Yesterday",
      new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" }).format(new Date(2026, 4, 4)),
    ]);
    expect(days.map((d) => within(d).getAllByTestId("inbox-item").length)).toEqual([2, 2, 3]);

    const labels = rows().map((r) => within(r).getByTestId("inbox-kind").textContent);
    expect(labels).toEqual([
      "Check-in due",
      "Off track",
      "Activity below target",
      "Missed check-ins",
      "At risk",
      "Low chance",
      "Checkpoint ahead",
    ]);
    const a2 = row("a2");
    expect(a2).toHaveAttribute("data-kind", "off_track");
    expect(a2).toHaveAttribute("data-state", "seen");
    expect(within(a2).getByRole("link", { name: "Book 40 demos" })).toHaveAttribute("href", "#/goals/g-2");
    expect(within(a2).getByTestId("inbox-reason")).toHaveTextContent("Off track: 12 of 40 demos with half the time gone.");
    // New items are marked; seen ones are not.
    expect(row("a1")).toHaveAttribute("data-state", "new");
    expect(within(row("a1")).getByText("New")).toBeInTheDocument();
    expect(within(a2).queryByText("New")).not.toBeInTheDocument();
    // "Check in" only where a check-in is the answer.
    expect(rows().filter((r) => within(r).queryByTestId("inbox-check-in") !== null).map((r) => r.dataset.kind)).toEqual([
      "check_in_due",
      "activity_below_target",
      "missed_check_ins",
    ]);
    expect(screen.getByRole("heading", { level: 1, name: "Inbox" })).toBeInTheDocument();
    expect(screen.getByText("3 new items of 7 items.")).toBeInTheDocument();
  });

  it("filters by kind with chips", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("inbox-item");
    const chip = screen.getByTestId("inbox-filter-off_track");
    expect(chip).toHaveAttribute("aria-pressed", "false");
    await user.click(chip);
    expect(chip).toHaveAttribute("aria-pressed", "true");
    expect(ids()).toEqual(["a2"]);
    await user.click(screen.getByTestId("inbox-filter-checkpoint_soon"));
    expect(ids()).toEqual(["a7"]);
    await user.click(screen.getByTestId("inbox-filter-all"));
    expect(ids()).toHaveLength(7);
  });

  it("dismisses an item with setAlertState(dismissed), and Undo restores it as seen", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("inbox-item");
    await user.click(within(row("a2")).getByTestId("inbox-dismiss"));
    expect(commands.setAlertState).toHaveBeenCalledWith({ id: "a2", state: "dismissed", snoozedUntil: null });
    await waitFor(() => {
      expect(ids()).not.toContain("a2");
    });
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent("Dismissed: Book 40 demos");

    await user.click(within(toast).getByTestId("inbox-undo"));
    expect(commands.setAlertState).toHaveBeenLastCalledWith({ id: "a2", state: "seen", snoozedUntil: null });
    await waitFor(() => {
      expect(ids()).toContain("a2");
    });
    expect(row("a2")).toHaveAttribute("data-state", "seen");
    expect(await screen.findByTestId("toast")).toHaveTextContent("Back in your inbox: Book 40 demos");
  });

  it.each([
    ["tomorrow", "2026-05-14"],
    ["monday", "2026-05-18"],
    ["week", "2026-05-20"],
  ])("snoozes until %s with the right date, with Undo", async (choice, date) => {
    const { user } = renderApp();
    await screen.findAllByTestId("inbox-item");
    const snooze = within(row("a3")).getByTestId("inbox-snooze");
    expect(snooze).toHaveAttribute("aria-expanded", "false");
    await user.click(snooze);
    expect(snooze).toHaveAttribute("aria-expanded", "true");
    const menu = screen.getByRole("menu", { name: "Snooze until" });
    // The first choice has focus; arrows move within the menu.
    expect(within(menu).getAllByRole("menuitem")[0]).toHaveFocus();
    await user.click(within(menu).getByTestId(`inbox-snooze-${choice}`));
    expect(commands.setAlertState).toHaveBeenCalledWith({ id: "a3", state: "snoozed", snoozedUntil: date });
    await waitFor(() => {
      expect(ids()).not.toContain("a3");
    });
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent(/^Snoozed until/);
    await user.click(within(toast).getByTestId("inbox-undo"));
    expect(commands.setAlertState).toHaveBeenLastCalledWith({ id: "a3", state: "seen", snoozedUntil: null });
    await waitFor(() => {
      expect(ids()).toContain("a3");
    });
  });

  it("closes the snooze menu with Esc and returns focus to its button", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("inbox-item");
    const snooze = within(row("a1")).getByTestId("inbox-snooze");
    await user.click(snooze);
    await user.keyboard("{ArrowDown}");
    expect(screen.getByTestId("inbox-snooze-monday")).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(snooze).toHaveFocus();
    expect(commands.setAlertState).not.toHaveBeenCalled();
  });

  it("moves with j/k and arrows, opens with Enter (marking it seen), e dismisses, s snoozes until tomorrow", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("inbox-item");
    await user.keyboard("j");
    expect(row("a1")).toHaveFocus();
    await user.keyboard("j");
    expect(row("a2")).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(row("a3")).toHaveFocus();
    await user.keyboard("k");
    expect(row("a2")).toHaveFocus();
    await user.keyboard("{ArrowUp}");
    expect(row("a1")).toHaveFocus();
    // Roving tabindex: only the current item is in the Tab order.
    expect(rows().filter((r) => r.tabIndex === 0)).toEqual([row("a1")]);

    // e dismisses the focused item; focus moves to the next one.
    await user.keyboard("e");
    expect(commands.setAlertState).toHaveBeenCalledWith({ id: "a1", state: "dismissed", snoozedUntil: null });
    await waitFor(() => {
      expect(row("a2")).toHaveFocus();
    });
    expect(ids()).not.toContain("a1");

    // s snoozes it until tomorrow.
    await user.keyboard("s");
    expect(commands.setAlertState).toHaveBeenLastCalledWith({ id: "a2", state: "snoozed", snoozedUntil: "2026-05-14" });
    await waitFor(() => {
      expect(row("a3")).toHaveFocus();
    });

    // Enter opens the goal and marks a new item seen.
    await user.keyboard("{Enter}");
    expect(commands.setAlertState).toHaveBeenLastCalledWith({ id: "a3", state: "seen", snoozedUntil: null });
    expect(await screen.findByRole("heading", { level: 1, name: "Goal g-3" })).toBeInTheDocument();
    expect(window.location.hash).toBe("#/goals/g-3");
  });

  it("leaves g s to the global shortcuts (Settings), not to snooze", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("inbox-item");
    await user.keyboard("j");
    await user.keyboard("gs");
    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
    expect(commands.setAlertState).not.toHaveBeenCalled();
  });

  it("marks a new item seen when it is clicked", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("inbox-item");
    await user.click(within(row("a4")).getByTestId("inbox-reason"));
    expect(commands.setAlertState).toHaveBeenCalledWith({ id: "a4", state: "seen", snoozedUntil: null });
    await waitFor(() => {
      expect(row("a4")).toHaveAttribute("data-state", "seen");
    });
    // Already seen: no call.
    await user.click(within(row("a5")).getByTestId("inbox-reason"));
    expect(commands.setAlertState).toHaveBeenCalledTimes(1);
  });

  it("opens the check-in dialog for the item's goal", async () => {
    vi.mocked(commands.goalDetail).mockResolvedValue(
      makeDetail({}, { id: "g-3", title: "Make 20 calls a day", direction: "increase", unit: "count", unitLabel: "calls" }),
    );
    const { user } = renderApp();
    await screen.findAllByTestId("inbox-item");
    await user.click(within(row("a3")).getByTestId("inbox-check-in"));
    expect(commands.goalDetail).toHaveBeenCalledWith("g-3", null);
    const dialog = await screen.findByTestId("check-in-dialog");
    expect(dialog).toHaveTextContent("Make 20 calls a day");
    expect(commands.setAlertState).toHaveBeenCalledWith({ id: "a3", state: "seen", snoozedUntil: null });
  });

  it("shows the number of new items next to Inbox in the sidebar, on every screen", async () => {
    window.location.hash = "#/";
    const { user } = renderApp();
    const count = await screen.findByTestId("inbox-count");
    expect(count).toHaveTextContent("3");
    const link = document.querySelector('[data-nav="inbox"]');
    expect(link).toHaveAccessibleName("Inbox, 3 new");
    if (!(link instanceof HTMLElement)) throw new Error("no inbox link");
    await user.click(link);
    await screen.findAllByTestId("inbox-item");
    await user.click(within(row("a1")).getByTestId("inbox-reason"));
    await waitFor(() => {
      expect(screen.getByTestId("inbox-count")).toHaveTextContent("2");
    });
  });

  it("shows no count when nothing is new", async () => {
    fakeInbox(ITEMS.map((i) => ({ ...i, state: "seen" })));
    renderApp();
    await screen.findAllByTestId("inbox-item");
    expect(screen.queryByTestId("inbox-count")).not.toBeInTheDocument();
    expect(screen.getByText("7 items, all seen.")).toBeInTheDocument();
  });

  it("shows an honest empty state when nothing needs me", async () => {
    fakeInbox([]);
    renderApp();
    const empty = await screen.findByTestId("empty-state");
    expect(empty).toHaveTextContent("Nothing needs you right now");
    expect(empty).toHaveTextContent(/every 10 minutes/);
    expect(screen.queryByTestId("inbox-item")).not.toBeInTheDocument();
    expect(screen.queryByTestId("inbox-count")).not.toBeInTheDocument();
  });

  it("shows the empty state once the last item is dismissed", async () => {
    fakeInbox([ITEMS[1] as InboxItem]);
    const { user } = renderApp();
    await screen.findAllByTestId("inbox-item");
    act(() => {
      row("a2").focus();
    });
    await user.keyboard("e");
    expect(await screen.findByTestId("empty-state")).toHaveTextContent("Nothing needs you right now");
    expect(screen.getByRole("heading", { level: 1, name: "Inbox" })).toHaveFocus();
  });

  it("puts the core's error in the toast and keeps the item", async () => {
    vi.mocked(commands.setAlertState).mockRejectedValue({
      code: "invalid_input",
      message: "snoozedUntil: a snooze needs a date",
      field: "snoozedUntil",
    });
    const { user } = renderApp();
    await screen.findAllByTestId("inbox-item");
    await user.click(within(row("a2")).getByTestId("inbox-snooze"));
    await user.click(screen.getByTestId("inbox-snooze-tomorrow"));
    expect(await screen.findByTestId("toast")).toHaveTextContent("snoozedUntil: a snooze needs a date");
    expect(ids()).toContain("a2");
  });

  it("shows a loading state, then the core's error with a retry", async () => {
    vi.mocked(commands.inbox).mockRejectedValueOnce({ code: "storage", message: "database is locked", field: null });
    const { user } = renderApp();
    expect(screen.getByTestId("inbox-loading")).toBeInTheDocument();
    expect(await screen.findByRole("alert")).toHaveTextContent("database is locked");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findAllByTestId("inbox-item")).toHaveLength(7);
  });

  it("documents the inbox keys in the shortcuts dialog", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("inbox-item");
    await user.keyboard("?");
    const keys = within(await screen.findByTestId("shortcuts-dialog")).getByTestId("shortcuts-inbox");
    expect(keys).toHaveTextContent(/Next or previous item\s*j k or ↓ ↑/);
    expect(keys).toHaveTextContent(/Dismiss\s*e/);
    expect(keys).toHaveTextContent(/Snooze until tomorrow\s*s/);
    expect(keys).toHaveTextContent(/Open the item's goal\s*Enter/);
  });
});

describe("inbox dates", () => {
  it("snoozes to tomorrow, the next Monday (a week on when today is Monday) and in a week", () => {
    const wednesday = new Date(2026, 4, 13);
    expect(snoozeUntil("tomorrow", wednesday)).toBe("2026-05-14");
    expect(snoozeUntil("monday", wednesday)).toBe("2026-05-18");
    expect(snoozeUntil("week", wednesday)).toBe("2026-05-20");
    expect(snoozeUntil("monday", new Date(2026, 4, 17))).toBe("2026-05-18"); // Sunday
    expect(snoozeUntil("monday", new Date(2026, 4, 18))).toBe("2026-05-25"); // Monday
    expect(snoozeUntil("tomorrow", new Date(2026, 11, 31, 23, 30))).toBe("2027-01-01");
    expect(snoozeUntil("week", new Date(2026, 1, 25))).toBe("2026-03-04");
  });

  it("formats local days and groups newest first", () => {
    expect(isoDay(new Date(2026, 0, 5))).toBe("2026-01-05");
    expect(isoDay(addDays(new Date(2026, 2, 28), 2))).toBe("2026-03-30");
    const grouped = groupByDay([
      item({ id: "x", kind: "at_risk", raisedOn: "2026-05-01" }),
      item({ id: "y", kind: "at_risk", raisedOn: "2026-05-03" }),
      item({ id: "z", kind: "off_track", raisedOn: "2026-05-01" }),
    ]);
    expect(grouped.map((g) => [g.day, g.items.map((i) => i.id)])).toEqual([
      ["2026-05-03", ["y"]],
      ["2026-05-01", ["x", "z"]],
    ]);
  });
});
