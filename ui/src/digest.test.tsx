import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { describeChange, isQuietWeek, readableValue } from "./digest";
import type { Digest, DigestChange, DigestView } from "./ipc";
import { commands } from "./ipc/bindings";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(),
    inbox: vi.fn(),
    setAlertState: vi.fn(),
    weeklyDigest: vi.fn(),
    saveDigest: vi.fn(),
  },
}));

const fmtDay = (y: number, m: number, d: number) => new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(new Date(y, m - 1, d));

function change(overrides: Partial<DigestChange> = {}): DigestChange {
  return {
    goal: "g-4",
    title: "Raise the win rate",
    who: "Maria",
    field: "target",
    from: "70",
    to: "80",
    reason: "Q2 pipeline is stronger",
    on: "2026-05-12",
    ...overrides,
  };
}

const EMPTY_WEEK: Digest = {
  manager: "Maria Keller",
  from: "2026-05-11",
  to: "2026-05-13",
  offTrack: [],
  atRisk: [],
  quiet: [],
  changes: [],
  checkIns: 0,
  done: 0,
};

const WEEK: Digest = {
  ...EMPTY_WEEK,
  offTrack: [
    { goal: "g-1", title: "Book 40 demos", owner: "Jonas Berg", progress: 0.3, expected: 0.55 },
    { goal: "g-2", title: "Cut order processing time", owner: "Operations", progress: 0.104, expected: 0.5 },
  ],
  atRisk: [{ goal: "g-3", title: "Make 20 calls a day", owner: "Lea Vogel", progress: 0.42, expected: 0.5 }],
  quiet: [
    { person: "p-7", name: "Jonas Berg", lastCheckIn: "2026-04-28", activeGoals: 3 },
    { person: "p-8", name: "Tim Novak", lastCheckIn: null, activeGoals: 1 },
  ],
  changes: [change(), change({ goal: "g-1", title: "Book 40 demos", field: "due", from: '"2026-06-30"', to: '"2026-07-31"', who: "Jonas Berg", reason: "", on: "2026-05-11" })],
  checkIns: 12,
  done: 1,
};

const MARKDOWN = "# Weekly digest — Maria Keller\n\n## Off track (2)\n";

function view(digest: Digest = WEEK): DigestView {
  return { digest, markdown: MARKDOWN };
}

describe("Weekly digest", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.inbox).mockResolvedValue([]);
    vi.mocked(commands.weeklyDigest).mockResolvedValue(view());
    vi.mocked(commands.saveDigest).mockResolvedValue("/home/maria/Documents/Stride/digest-2026-05-13.md");
    window.location.hash = "#/inbox";
  });

  it("switches between Alerts and Weekly digest with the keyboard, remembering the tab in the hash", async () => {
    const { user } = renderApp();
    const alerts = await screen.findByTestId("inbox-tab-alerts");
    const digest = screen.getByTestId("inbox-tab-digest");
    expect(screen.getByRole("tablist", { name: "Inbox views" })).toBeInTheDocument();
    expect(alerts).toHaveAttribute("aria-selected", "true");
    expect(digest).toHaveAttribute("aria-selected", "false");
    expect(digest).toHaveAttribute("tabindex", "-1");
    expect(screen.getByRole("tabpanel")).toHaveAccessibleName("Alerts");
    // The digest is read only once its tab is opened.
    expect(commands.weeklyDigest).not.toHaveBeenCalled();

    await user.click(alerts);
    await user.keyboard("{ArrowRight}");
    expect(digest).toHaveFocus();
    expect(digest).toHaveAttribute("aria-selected", "true");
    expect(window.location.hash).toBe("#/inbox?tab=digest");
    const panel = screen.getByTestId("digest");
    expect(panel).toHaveAttribute("role", "tabpanel");
    expect(panel).toHaveAccessibleName("Weekly digest");
    expect(digest).toHaveAttribute("aria-controls", panel.id);
    expect(await within(panel).findByTestId("digest-off-track")).toBeInTheDocument();
    expect(commands.weeklyDigest).toHaveBeenCalledWith(null);

    // Wraps around; Home and End go to the ends.
    await user.keyboard("{ArrowRight}");
    expect(alerts).toHaveFocus();
    expect(alerts).toHaveAttribute("aria-selected", "true");
    expect(window.location.hash).toBe("#/inbox");
    expect(screen.queryByTestId("digest")).not.toBeInTheDocument();
    await user.keyboard("{End}");
    expect(digest).toHaveFocus();
    expect(digest).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Home}");
    expect(alerts).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(digest).toHaveFocus();
    expect(screen.getByTestId("digest")).toBeInTheDocument();
  });

  it("opens on the digest tab from #/inbox?tab=digest", async () => {
    window.location.hash = "#/inbox?tab=digest";
    renderApp();
    expect(await screen.findByTestId("digest-off-track")).toBeInTheDocument();
    expect(screen.getByTestId("inbox-tab-digest")).toHaveAttribute("aria-selected", "true");
    expect(document.querySelector("main")).toHaveAttribute("data-screen", "inbox");
  });

  it("shows the week, a summary and each section with its count, links and details", async () => {
    window.location.hash = "#/inbox?tab=digest";
    renderApp();
    const panel = await screen.findByTestId("digest");
    const offTrack = await within(panel).findByTestId("digest-off-track");

    const range = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "long", year: "numeric" }).formatRange(
      new Date(2026, 4, 11),
      new Date(2026, 4, 13),
    );
    expect(within(panel).getByRole("heading", { level: 2, name: `Week of ${range}` })).toBeInTheDocument();
    expect(within(panel).getByTestId("digest-summary")).toHaveTextContent("12 check-ins this week · 1 goal done");

    expect(within(offTrack).getByRole("heading", { level: 2 })).toHaveTextContent(/Off track\s*2/);
    expect(within(offTrack).getByTestId("digest-count")).toHaveTextContent("2");
    const offRows = within(offTrack).getAllByTestId("digest-goal");
    expect(offRows).toHaveLength(2);
    expect(within(offRows[0] as HTMLElement).getByRole("link", { name: "Book 40 demos" })).toHaveAttribute("href", "#/goals/g-1");
    expect(offRows[0]).toHaveTextContent("Jonas Berg");
    expect(within(offRows[0] as HTMLElement).getByTestId("digest-progress")).toHaveTextContent("30 % vs 55 % expected");
    expect(within(offRows[1] as HTMLElement).getByTestId("digest-progress")).toHaveTextContent("10 % vs 50 % expected");

    const atRisk = within(panel).getByTestId("digest-at-risk");
    expect(within(atRisk).getByTestId("digest-count")).toHaveTextContent("1");
    expect(within(atRisk).getByRole("link", { name: "Make 20 calls a day" })).toHaveAttribute("href", "#/goals/g-3");
    expect(atRisk).toHaveTextContent("42 % vs 50 % expected");

    const quiet = within(panel).getByTestId("digest-quiet");
    expect(within(quiet).getByTestId("digest-count")).toHaveTextContent("2");
    const people = within(quiet).getAllByTestId("digest-person");
    expect(people[0]).toHaveTextContent(`Last check-in ${fmtDay(2026, 4, 28)}`);
    expect(people[0]).toHaveTextContent("3 active goals");
    expect(within(people[0] as HTMLElement).getByRole("link", { name: "Jonas Berg" })).toHaveAttribute("href", "#/goals?owner=p-7");
    expect(people[1]).toHaveTextContent("Last check-in never");
    expect(people[1]).toHaveTextContent("1 active goal");

    const changes = within(panel).getByTestId("digest-changes");
    expect(within(changes).getByTestId("digest-count")).toHaveTextContent("2");
    const rows = within(changes).getAllByTestId("digest-change");
    expect(within(rows[0] as HTMLElement).getByRole("link", { name: "Raise the win rate" })).toHaveAttribute("href", "#/goals/g-4");
    expect(within(rows[0] as HTMLElement).getByTestId("digest-change-text")).toHaveTextContent(
      "target from 70 to 80 by Maria · Q2 pipeline is stronger",
    );
    expect(rows[0]).toHaveTextContent(fmtDay(2026, 5, 12));
    expect(within(rows[1] as HTMLElement).getByTestId("digest-change-text")).toHaveTextContent(
      `due from ${fmtDay(2026, 6, 30)} to ${fmtDay(2026, 7, 31)} by Jonas Berg`,
    );
    expect(within(rows[1] as HTMLElement).getByTestId("digest-change-text").textContent).not.toContain("·");
    expect(within(panel).queryByTestId("empty-state")).not.toBeInTheDocument();
  });

  it("shows only the sections that have something", async () => {
    vi.mocked(commands.weeklyDigest).mockResolvedValue(view({ ...EMPTY_WEEK, atRisk: WEEK.atRisk }));
    window.location.hash = "#/inbox?tab=digest";
    renderApp();
    expect(await screen.findByTestId("digest-at-risk")).toBeInTheDocument();
    expect(screen.queryByTestId("digest-off-track")).not.toBeInTheDocument();
    expect(screen.queryByTestId("digest-quiet")).not.toBeInTheDocument();
    expect(screen.queryByTestId("digest-changes")).not.toBeInTheDocument();
  });

  it("shows an empty state for a quiet week", async () => {
    vi.mocked(commands.weeklyDigest).mockResolvedValue(view({ ...EMPTY_WEEK, checkIns: 1 }));
    window.location.hash = "#/inbox?tab=digest";
    renderApp();
    const panel = await screen.findByTestId("digest");
    const empty = await within(panel).findByTestId("empty-state");
    expect(empty).toHaveTextContent("Nothing needs you this week…");
    expect(within(panel).getByTestId("digest-summary")).toHaveTextContent("1 check-in this week · 0 goals done");
    for (const id of ["digest-off-track", "digest-at-risk", "digest-quiet", "digest-changes"]) {
      expect(within(panel).queryByTestId(id)).not.toBeInTheDocument();
    }
    // The (short) digest can still be taken away.
    expect(within(panel).getByTestId("digest-copy")).toBeEnabled();
  });

  it("copies the Markdown to the clipboard", async () => {
    window.location.hash = "#/inbox?tab=digest";
    const { user } = renderApp();
    const write = vi.spyOn(navigator.clipboard, "writeText");
    await user.click(await screen.findByTestId("digest-copy"));
    expect(write).toHaveBeenCalledWith(MARKDOWN);
    expect(await screen.findByTestId("toast")).toHaveTextContent("Digest copied");
    await expect(navigator.clipboard.readText()).resolves.toBe(MARKDOWN);
  });

  it("says why when the clipboard refuses or is missing", async () => {
    window.location.hash = "#/inbox?tab=digest";
    const { user } = renderApp();
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new Error("Document is not focused."));
    await user.click(await screen.findByTestId("digest-copy"));
    expect(await screen.findByTestId("toast")).toHaveTextContent("Could not copy the digest: Document is not focused.");

    const descriptor = Object.getOwnPropertyDescriptor(navigator, "clipboard");
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    try {
      await user.click(screen.getByTestId("digest-copy"));
      await waitFor(() => {
        expect(screen.getByTestId("toast")).toHaveTextContent("Could not copy the digest: the clipboard is not available here");
      });
    } finally {
      if (descriptor) Object.defineProperty(navigator, "clipboard", descriptor);
    }
  });

  it("saves the digest and shows where", async () => {
    window.location.hash = "#/inbox?tab=digest";
    const { user } = renderApp();
    const save = await screen.findByTestId("digest-save");
    expect(screen.queryByTestId("digest-saved-path")).not.toBeInTheDocument();
    await user.click(save);
    expect(commands.saveDigest).toHaveBeenCalledWith(null);
    expect(await screen.findByTestId("digest-saved-path")).toHaveTextContent("Saved to /home/maria/Documents/Stride/digest-2026-05-13.md");
    expect(screen.getByTestId("toast")).toHaveTextContent("Saved to /home/maria/Documents/Stride/digest-2026-05-13.md");
  });

  it("puts a failed save in a toast", async () => {
    vi.mocked(commands.saveDigest).mockRejectedValue({ code: "storage", message: "could not write digest.md: disk full", field: null });
    window.location.hash = "#/inbox?tab=digest";
    const { user } = renderApp();
    await user.click(await screen.findByTestId("digest-save"));
    expect(await screen.findByTestId("toast")).toHaveTextContent("could not write digest.md: disk full");
    expect(screen.queryByTestId("digest-saved-path")).not.toBeInTheDocument();
  });

  it("shows a loading state, then the core's message (e.g. no profile), with a retry", async () => {
    vi.mocked(commands.weeklyDigest).mockRejectedValueOnce({
      code: "invalid_input",
      message: "The weekly digest is for a manager: choose who you are in Settings first.",
      field: "person",
    });
    window.location.hash = "#/inbox?tab=digest";
    const { user } = renderApp();
    expect(await screen.findByTestId("digest-loading")).toBeInTheDocument();
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not make this week's digest");
    expect(alert).toHaveTextContent("The weekly digest is for a manager: choose who you are in Settings first.");
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("digest-off-track")).toBeInTheDocument();
  });
});

describe("digest helpers", () => {
  it("reads stored values for people", () => {
    expect(readableValue('"Raise revenue"')).toBe("Raise revenue");
    expect(readableValue("null")).toBe("none");
    expect(readableValue('""')).toBe("none");
    expect(readableValue("true")).toBe("yes");
    expect(readableValue("1200")).toBe(new Intl.NumberFormat().format(1200));
    expect(readableValue('"2026-06-30"')).toBe(fmtDay(2026, 6, 30));
    expect(readableValue("[1,2]")).toBe("[1,2]");
    expect(readableValue("not json")).toBe("not json");
  });

  it("describes a change, and knows a quiet week", () => {
    expect(describeChange(change({ field: "unit_label", from: "null", to: '"calls"', reason: "  " }))).toBe(
      "unit label from none to calls by Maria",
    );
    expect(isQuietWeek(EMPTY_WEEK)).toBe(true);
    expect(isQuietWeek({ ...EMPTY_WEEK, changes: [change()] })).toBe(false);
  });
});
