import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { queryKeys } from "./ipc";
import { commands, type IpcError, type Revision } from "./ipc/bindings";
import { stubObjectUrls } from "./test/blob";
import { makeDetail, makeInsight } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(),
    inbox: vi.fn(() => Promise.resolve([])),
    goalDetail: vi.fn(),
    goalInsight: vi.fn(),
    reviseGoal: vi.fn(),
    applyToTeam: vi.fn(),
  },
}));

const longDate = (y: number, m: number, d: number) =>
  new Intl.DateTimeFormat(undefined, { day: "numeric", month: "long", year: "numeric" }).format(new Date(y, m - 1, d));

const REVISION: Revision = {
  id: "r-1",
  goal: "g-1",
  field: "target",
  old_value: "32.0",
  new_value: "30.0",
  author: "p-1",
  at: "2026-05-12T09:30:00",
  reason: "market shift",
};

const NOBODY: IpcError = {
  code: "invalid_input",
  field: "goal",
  message: "Nobody is in this goal's team yet: a person's goal goes to their direct reports, a unit's goal to its members.",
};

function dialog(testId: string): HTMLElement {
  return screen.getByTestId(testId);
}

async function openGoal() {
  const app = renderApp();
  await screen.findByTestId("goal-title");
  return app;
}

async function openRevise() {
  const app = await openGoal();
  await app.user.click(screen.getByTestId("revise-button"));
  expect(dialog("revise-dialog")).toBeInTheDocument();
  return app;
}

describe("Goal detail: revise", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.goalInsight).mockResolvedValue(makeInsight());
    vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail());
    stubObjectUrls();
    window.location.hash = "#/goals/g-1";
  });

  it("asks for a reason, sends the revision on Enter, closes, confirms and shows it in the history", async () => {
    const { user } = await openRevise();
    const d = dialog("revise-dialog");
    expect(d).toHaveAttribute("role", "dialog");
    expect(d).toHaveAccessibleName("Revise goal");
    expect(within(d).getByText("Cut order processing time")).toBeInTheDocument();
    expect(screen.getByTestId("revise-field")).toHaveValue("target");
    expect(screen.getByTestId("revise-value")).toHaveValue("32");
    expect(screen.getByTestId("revise-value")).toHaveFocus();
    expect(within(d).getByText("Now: 32 hours")).toBeInTheDocument();
    expect(screen.getByTestId("goal-revisions")).toHaveTextContent("Not revised since it was set.");
    // The app behind is inert while the dialog is open, as for the check-in dialog.
    expect(document.querySelector(".app")).toHaveAttribute("inert");

    await user.clear(screen.getByTestId("revise-value"));
    await user.type(screen.getByTestId("revise-value"), "30");
    await user.click(screen.getByTestId("revise-save"));
    // No reason: nothing is sent, the reason says why and takes focus.
    expect(commands.reviseGoal).not.toHaveBeenCalled();
    expect(screen.getByTestId("field-error-revise-reason")).toHaveTextContent("Give a reason");
    expect(screen.getByTestId("revise-reason")).toHaveFocus();
    expect(screen.getByTestId("revise-reason")).toHaveAttribute("aria-invalid", "true");

    vi.mocked(commands.reviseGoal).mockResolvedValue([REVISION]);
    vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail({ revisions: [REVISION], originalTarget: 32 }, { target: 30 }));
    await user.type(screen.getByTestId("revise-reason"), "market shift{Enter}");

    await waitFor(() => {
      expect(screen.queryByTestId("revise-dialog")).not.toBeInTheDocument();
    });
    expect(commands.reviseGoal).toHaveBeenCalledTimes(1);
    expect(commands.reviseGoal).toHaveBeenCalledWith({ goal: "g-1", field: "target", value: "30", reason: "market shift" });
    expect(screen.getByTestId("toast")).toHaveTextContent("Goal revised");
    expect(await screen.findByTestId("revision")).toHaveTextContent(
      `target changed from 32 to 30 on ${longDate(2026, 5, 12)}: market shift`,
    );
    expect(screen.getByTestId("goal-original-target")).toHaveTextContent("32 hours");
    expect(screen.getByTestId("revise-button")).toHaveFocus();
    expect(document.querySelector(".app")).not.toHaveAttribute("inert");
  });

  it("shows the core's field error next to the value and stays open", async () => {
    vi.mocked(commands.reviseGoal).mockRejectedValue({
      code: "invalid_input",
      field: "target",
      message: "target: the new value equals the current value",
    } satisfies IpcError);
    const { user } = await openRevise();
    await user.type(screen.getByTestId("revise-reason"), "no change really");
    await user.click(screen.getByTestId("revise-save"));

    const error = await screen.findByTestId("field-error-revise-value");
    expect(error).toHaveTextContent(/^The new value equals the current value$/);
    expect(dialog("revise-dialog")).toBeInTheDocument();
    expect(screen.getByTestId("revise-value")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("revise-value")).toHaveFocus();
    expect(screen.getByTestId("revise-value")).toHaveAccessibleDescription(/equals the current value/);
    expect(screen.queryByTestId("toast")).not.toBeInTheDocument();
  });

  it("maps the reason, the field and other errors to their places", async () => {
    const { user } = await openRevise();
    await user.type(screen.getByTestId("revise-reason"), "   x");

    vi.mocked(commands.reviseGoal).mockRejectedValueOnce({
      code: "invalid_input",
      field: "reason",
      message: "reason: a revision needs a reason",
    } satisfies IpcError);
    await user.click(screen.getByTestId("revise-save"));
    expect(await screen.findByTestId("field-error-revise-reason")).toHaveTextContent("A revision needs a reason");
    expect(screen.getByTestId("revise-reason")).toHaveFocus();

    vi.mocked(commands.reviseGoal).mockRejectedValueOnce({
      code: "invalid_input",
      field: "field",
      message: "unknown goal field `tagret`",
    } satisfies IpcError);
    await user.click(screen.getByTestId("revise-save"));
    expect(await screen.findByTestId("field-error-revise-field")).toHaveTextContent("Unknown goal field");
    expect(screen.queryByTestId("field-error-revise-reason")).not.toBeInTheDocument();

    vi.mocked(commands.reviseGoal).mockRejectedValueOnce({ code: "storage", field: null, message: "database is locked" } satisfies IpcError);
    await user.click(screen.getByTestId("revise-save"));
    expect(await screen.findByTestId("revise-error")).toHaveTextContent("database is locked");
    expect(screen.getByTestId("revise-error")).toHaveAttribute("role", "alert");
    expect(dialog("revise-dialog")).toBeInTheDocument();
  });

  it("catches a value that is not a number before sending", async () => {
    const { user } = await openRevise();
    await user.clear(screen.getByTestId("revise-value"));
    await user.type(screen.getByTestId("revise-value"), "thirty");
    await user.type(screen.getByTestId("revise-reason"), "market shift{Enter}");
    expect(screen.getByTestId("field-error-revise-value")).toHaveTextContent("Enter a number.");
    expect(commands.reviseGoal).not.toHaveBeenCalled();
  });

  it("prefills each field with its current value and sends dates and states as the core names them", async () => {
    vi.mocked(commands.reviseGoal).mockResolvedValue([]);
    const { user } = await openRevise();
    const options = within(screen.getByTestId("revise-field"))
      .getAllByRole("option")
      .map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(["target", "baseline", "due", "start", "title", "weight", "state"]);

    await user.selectOptions(screen.getByTestId("revise-field"), "baseline");
    expect(screen.getByTestId("revise-value")).toHaveValue("48");
    await user.selectOptions(screen.getByTestId("revise-field"), "due");
    expect(screen.getByTestId("revise-value")).toHaveAttribute("type", "date");
    expect(screen.getByTestId("revise-value")).toHaveValue("2026-06-30");
    await user.selectOptions(screen.getByTestId("revise-field"), "title");
    expect(screen.getByTestId("revise-value")).toHaveValue("Cut order processing time");
    await user.selectOptions(screen.getByTestId("revise-field"), "weight");
    expect(screen.getByTestId("revise-value")).toHaveValue("1");

    await user.selectOptions(screen.getByTestId("revise-field"), "state");
    const state = screen.getByTestId("revise-value");
    expect(state.tagName).toBe("SELECT");
    expect(state).toHaveValue("active");
    expect(within(state).getAllByRole("option").map((o) => (o as HTMLOptionElement).value)).toEqual([
      "active",
      "completed",
      "missed",
      "cancelled",
      "deprioritised",
    ]);
    await user.selectOptions(state, "deprioritised");
    await user.type(screen.getByTestId("revise-reason"), "  strategy changed ");
    await user.click(screen.getByTestId("revise-save"));
    await waitFor(() => {
      expect(commands.reviseGoal).toHaveBeenCalledWith({
        goal: "g-1",
        field: "state",
        value: "deprioritised",
        reason: "strategy changed",
      });
    });
  });

  it("offers the band's ends instead of a target for a band goal, and no numbers for a done goal", async () => {
    vi.mocked(commands.goalDetail).mockResolvedValue(
      makeDetail({}, { direction: "within_band", unit: "percent", unitLabel: "%", baseline: 70, target: null, bandLow: 90, bandHigh: 95 }),
    );
    const { user, unmount } = await openRevise();
    expect(screen.getByTestId("revise-field")).toHaveValue("band_low");
    expect(screen.getByTestId("revise-value")).toHaveValue("90");
    await user.click(screen.getByTestId("revise-cancel"));
    expect(screen.queryByTestId("revise-dialog")).not.toBeInTheDocument();
    unmount();

    vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail({}, { direction: "done", unit: "binary", unitLabel: "", baseline: null, target: null }));
    await openRevise();
    const options = within(screen.getByTestId("revise-field"))
      .getAllByRole("option")
      .map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(["due", "start", "title", "weight", "state"]);
  });
});

describe("Goal detail: apply to my team", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.goalInsight).mockResolvedValue(makeInsight());
    vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail());
    stubObjectUrls();
    window.location.hash = "#/goals/g-1";
  });

  it("is offered for my own goal and for a unit's goal, not for someone else's", async () => {
    // makeDetail's goal is owned by p-1, which SET_UP makes "me".
    const first = await openGoal();
    expect(await screen.findByTestId("apply-to-team-button")).toBeInTheDocument();
    expect(screen.getByTestId("revise-button")).toBeInTheDocument();
    first.unmount();

    vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail({}, { owner: { type: "person", id: "p-9" }, ownerName: "Jon Berg" }));
    const second = await openGoal();
    expect(screen.getByTestId("revise-button")).toBeInTheDocument();
    expect(screen.queryByTestId("apply-to-team-button")).not.toBeInTheDocument();
    second.unmount();

    vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail({}, { owner: { type: "unit", id: "u-sales" }, ownerName: "Sales" }));
    const third = await openGoal();
    expect(await screen.findByTestId("apply-to-team-button")).toBeInTheDocument();
    third.unmount();

    // Without a profile, nobody's goal is "mine".
    vi.mocked(commands.onboardingState).mockResolvedValue({ needsSetup: false, me: null });
    vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail());
    const { client } = await openGoal();
    await waitFor(() => {
      expect(client.getQueryState(queryKeys.onboarding)?.status).toBe("success");
    });
    expect(screen.queryByTestId("apply-to-team-button")).not.toBeInTheDocument();
  });

  it("explains, sends the chosen split, confirms the count and lists the new goals", async () => {
    const { user } = await openGoal();
    await user.click(await screen.findByTestId("apply-to-team-button"));
    const d = dialog("apply-dialog");
    expect(d).toHaveAccessibleName("Apply to my team");
    expect(d).toHaveTextContent("one goal per member of your team, aligned under this goal");
    expect(screen.getByTestId("apply-split-copy")).toBeChecked();
    expect(screen.getByTestId("apply-split-copy")).toHaveFocus();
    expect(screen.getByTestId("apply-split-copy")).toHaveAccessibleName(/Copy the numbers/);
    expect(screen.getByTestId("apply-split-divide")).toHaveAccessibleName(/Divide additive numbers evenly/);

    await user.click(screen.getByTestId("apply-split-divide"));
    expect(screen.getByTestId("apply-split-divide")).toBeChecked();
    vi.mocked(commands.applyToTeam).mockResolvedValue(["g-a", "g-b", "g-c"]);
    vi.mocked(commands.goalDetail).mockResolvedValue(
      makeDetail({
        children: [
          { id: "g-a", title: "Cut order processing time", weight: 1 },
          { id: "g-b", title: "Cut order processing time", weight: 1 },
          { id: "g-c", title: "Cut order processing time", weight: 1 },
        ],
      }),
    );
    await user.click(screen.getByTestId("apply-confirm"));

    await waitFor(() => {
      expect(screen.queryByTestId("apply-dialog")).not.toBeInTheDocument();
    });
    expect(commands.applyToTeam).toHaveBeenCalledTimes(1);
    expect(commands.applyToTeam).toHaveBeenCalledWith({ goal: "g-1", split: "divide" });
    expect(screen.getByTestId("toast")).toHaveTextContent("Created 3 goals for your team");
    await waitFor(() => {
      expect(within(screen.getByTestId("goal-children")).getAllByRole("listitem")).toHaveLength(3);
    });
  });

  it("sends copy by default and shows the core's refusal in the dialog", async () => {
    vi.mocked(commands.applyToTeam).mockRejectedValue(NOBODY);
    const { user } = await openGoal();
    await user.click(await screen.findByTestId("apply-to-team-button"));
    await user.click(screen.getByTestId("apply-confirm"));

    const error = await screen.findByTestId("apply-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent("Nobody is in this goal's team yet");
    expect(commands.applyToTeam).toHaveBeenCalledWith({ goal: "g-1", split: "copy" });
    expect(dialog("apply-dialog")).toBeInTheDocument();
    expect(screen.queryByTestId("toast")).not.toBeInTheDocument();

    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("apply-dialog")).not.toBeInTheDocument();
    expect(screen.getByTestId("apply-to-team-button")).toHaveFocus();
  });

  it("says “1 goal” for a team of one", async () => {
    vi.mocked(commands.applyToTeam).mockResolvedValue(["g-a"]);
    const { user } = await openGoal();
    await user.click(await screen.findByTestId("apply-to-team-button"));
    await user.click(screen.getByTestId("apply-confirm"));
    expect(await screen.findByTestId("toast")).toHaveTextContent("Created 1 goal for your team");
  });
});
