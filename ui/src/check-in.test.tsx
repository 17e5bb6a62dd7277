import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type CheckIn, type IpcError } from "./ipc/bindings";
import { stubObjectUrls } from "./test/blob";
import { makeDetail, makeGoal, makeInsight } from "./test/fixtures";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: { appInfo: vi.fn(), onboardingState: vi.fn(), inbox: vi.fn(() => Promise.resolve([])), listGoals: vi.fn(), goalDetail: vi.fn(), addCheckIn: vi.fn(), undoCheckIn: vi.fn(), goalInsight: vi.fn() },
}));

const SAVED: CheckIn = {
  id: "c-9",
  goal: "g-1",
  value: 38,
  done: false,
  confidence: 7,
  note: "New routing live",
  blockers: "",
  effective: "2026-03-09",
  author: "p-1",
  created_at: "2026-03-09T10:00:00Z",
};

const CONFIDENCE_ERROR: IpcError = {
  code: "invalid_input",
  field: "confidence",
  message: "confidence: must be a whole number from 0 to 10, got 12",
};

function dialog(): HTMLElement {
  return screen.getByTestId("check-in-dialog");
}

async function openFromMyWeek() {
  const app = renderApp();
  const [button] = await screen.findAllByTestId("check-in-button");
  if (!button) throw new Error("no check-in button");
  await app.user.click(button);
  expect(dialog()).toBeInTheDocument();
  return { ...app, button };
}

describe("Check-in dialog", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.listGoals).mockResolvedValue([makeGoal()]);
  });

  it("opens from My week with the value focused and saves the right payload on Enter", async () => {
    vi.mocked(commands.addCheckIn).mockResolvedValue(SAVED);
    const { user, button } = await openFromMyWeek();
    expect(dialog()).toHaveAttribute("role", "dialog");
    expect(dialog()).toHaveAccessibleName("Check in");
    expect(within(dialog()).getByText("Cut order processing time")).toBeInTheDocument();
    expect(screen.getByTestId("check-in-value")).toHaveFocus();
    expect(screen.getByText("Now: 40 hours")).toBeInTheDocument();

    await user.keyboard("38");
    await user.type(screen.getByTestId("check-in-confidence"), "7");
    await user.type(screen.getByTestId("check-in-note"), "New routing live");
    await user.type(screen.getByTestId("check-in-blockers"), "Waiting on IT{Shift>}{Enter}{/Shift}and legal");
    expect(screen.getByTestId("check-in-blockers")).toHaveValue("Waiting on IT\nand legal");
    expect(commands.addCheckIn).not.toHaveBeenCalled();
    await user.keyboard("{Enter}");

    await waitFor(() => {
      expect(screen.queryByTestId("check-in-dialog")).not.toBeInTheDocument();
    });
    expect(commands.addCheckIn).toHaveBeenCalledTimes(1);
    expect(commands.addCheckIn).toHaveBeenCalledWith({
      goal: "g-1",
      value: 38,
      done: false,
      confidence: 7,
      note: "New routing live",
      blockers: "Waiting on IT\nand legal",
      date: null,
    });
    expect(screen.getByTestId("toast")).toHaveTextContent("Check-in saved");
    // Queries are invalidated after the save: the list is read again.
    await waitFor(() => {
      expect(commands.listGoals).toHaveBeenCalledTimes(2);
    });
    // Focus returns to the row's button.
    expect(button).toHaveFocus();
  });

  it("shows a core field error next to its field and keeps the dialog open with focus inside", async () => {
    vi.mocked(commands.addCheckIn).mockRejectedValueOnce(CONFIDENCE_ERROR).mockResolvedValueOnce(SAVED);
    const { user } = await openFromMyWeek();
    await user.keyboard("38");
    await user.type(screen.getByTestId("check-in-confidence"), "12");
    await user.click(screen.getByTestId("check-in-save"));

    const error = await screen.findByTestId("field-error-confidence");
    expect(error).toHaveTextContent("Must be a whole number from 0 to 10, got 12");
    const confidence = screen.getByTestId("check-in-confidence");
    // The message sits next to its field and describes it.
    expect(confidence.closest(".field")).toContainElement(error);
    expect(confidence).toHaveAttribute("aria-invalid", "true");
    expect(confidence).toHaveAccessibleDescription(expect.stringContaining("Must be a whole number") as string);
    expect(dialog()).toBeInTheDocument();
    await waitFor(() => {
      expect(confidence).toHaveFocus();
    });
    expect(dialog()).toContainElement(document.activeElement as HTMLElement);
    expect(screen.queryByTestId("toast")).not.toBeInTheDocument();
    // The other fields keep what was typed.
    expect(screen.getByTestId("check-in-value")).toHaveValue(38);

    await user.clear(confidence);
    await user.type(confidence, "8{Enter}");
    await waitFor(() => {
      expect(screen.queryByTestId("check-in-dialog")).not.toBeInTheDocument();
    });
    expect(commands.addCheckIn).toHaveBeenLastCalledWith(expect.objectContaining({ value: 38, confidence: 8 }));
    expect(screen.getByTestId("toast")).toHaveTextContent("Check-in saved");
  });

  it("shows an error without a field above the form", async () => {
    vi.mocked(commands.addCheckIn).mockRejectedValue({ code: "storage", message: "database is locked", field: null });
    const { user } = await openFromMyWeek();
    await user.keyboard("38{Enter}");
    expect(await screen.findByTestId("check-in-error")).toHaveTextContent("database is locked");
    expect(dialog()).toBeInTheDocument();
  });

  it("Esc closes without saving", async () => {
    const { user, button } = await openFromMyWeek();
    await user.keyboard("38{Escape}");
    expect(screen.queryByTestId("check-in-dialog")).not.toBeInTheDocument();
    expect(commands.addCheckIn).not.toHaveBeenCalled();
    expect(button).toHaveFocus();
  });

  it("traps Tab inside the dialog and makes the app behind inert", async () => {
    const { user } = await openFromMyWeek();
    expect(document.querySelector(".app")).toHaveAttribute("inert");
    for (let i = 0; i < 12; i += 1) {
      await user.tab();
      expect(dialog()).toContainElement(document.activeElement as HTMLElement);
    }
  });

  it("offers a Done checkbox for done/not-done goals", async () => {
    vi.mocked(commands.listGoals).mockResolvedValue([
      makeGoal({ id: "g-bin", direction: "done", unit: "binary", unitLabel: "", current: 0, baseline: null, target: null }),
    ]);
    vi.mocked(commands.addCheckIn).mockResolvedValue({ ...SAVED, goal: "g-bin", value: null, done: true });
    const { user } = await openFromMyWeek();
    expect(screen.queryByTestId("check-in-value")).not.toBeInTheDocument();
    const done = screen.getByTestId("check-in-done");
    expect(done).toHaveFocus();
    await user.keyboard(" ");
    expect(done).toBeChecked();
    await user.keyboard("{Enter}");
    await waitFor(() => {
      expect(commands.addCheckIn).toHaveBeenCalledWith({
        goal: "g-bin",
        value: null,
        done: true,
        confidence: null,
        note: "",
        blockers: "",
        date: null,
      });
    });
  });

  it("opens from the goal page too", async () => {
    stubObjectUrls();
    vi.mocked(commands.goalDetail).mockResolvedValue(makeDetail());
    vi.mocked(commands.goalInsight).mockResolvedValue(makeInsight());
    vi.mocked(commands.addCheckIn).mockResolvedValue(SAVED);
    window.location.hash = "#/goals/g-1";
    const { user } = renderApp();
    await user.click(await screen.findByTestId("check-in-button"));
    await user.keyboard("38{Enter}");
    await waitFor(() => {
      expect(commands.addCheckIn).toHaveBeenCalledWith(expect.objectContaining({ goal: "g-1", value: 38 }));
    });
    await waitFor(() => {
      expect(commands.goalDetail).toHaveBeenCalledTimes(2);
    });
    // The forecast and chart are read again too.
    await waitFor(() => {
      expect(commands.goalInsight).toHaveBeenCalledTimes(2);
    });
    expect(screen.getByTestId("toast")).toHaveTextContent("Check-in saved");
  });

  it("the saved toast offers Undo, which takes the check-in back", async () => {
    vi.mocked(commands.addCheckIn).mockResolvedValue(SAVED);
    vi.mocked(commands.undoCheckIn).mockResolvedValue("g-1");
    const { user } = await openFromMyWeek();
    await user.keyboard("38{Enter}");
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent("Check-in saved");
    await waitFor(() => {
      expect(commands.listGoals).toHaveBeenCalledTimes(2);
    });
    await user.click(within(toast).getByRole("button", { name: "Undo" }));
    expect(commands.undoCheckIn).toHaveBeenCalledTimes(1);
    expect(commands.undoCheckIn).toHaveBeenCalledWith("c-9");
    await waitFor(() => {
      expect(screen.getByTestId("toast")).toHaveTextContent("Check-in undone");
    });
    // Views are read again after the undo too.
    await waitFor(() => {
      expect(commands.listGoals).toHaveBeenCalledTimes(3);
    });
  });

  it("an Undo the core refuses shows its message", async () => {
    vi.mocked(commands.addCheckIn).mockResolvedValue(SAVED);
    vi.mocked(commands.undoCheckIn).mockRejectedValue({ code: "not_found", message: "That check-in no longer exists.", field: null });
    const { user } = await openFromMyWeek();
    await user.keyboard("38{Enter}");
    await user.click(await screen.findByTestId("undo-check-in"));
    await waitFor(() => {
      expect(screen.getByTestId("toast")).toHaveTextContent("That check-in no longer exists.");
    });
    expect(screen.queryByTestId("undo-check-in")).not.toBeInTheDocument();
  });
});
