import { listen, type EventCallback } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type IpcError, type OnboardingState, type Progress } from "./ipc/bindings";
import { makeGoal } from "./test/fixtures";
import { NEEDS_SETUP, renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(), inbox: vi.fn(() => Promise.resolve([])),
    openDemo: vi.fn(),
    startEmpty: vi.fn(),
    listGoals: vi.fn(),
  },
  events: { changed: "stride://changed", progress: "stride://progress" },
}));

vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));

/** The progress listener the app registered, and whether it has let go of it. */
let progressHandler: EventCallback<Progress> | null = null;
const unlisten = vi.fn();

function emitProgress(payload: Progress): void {
  if (progressHandler === null) throw new Error("nobody listens to stride://progress");
  const handler = progressHandler;
  act(() => {
    handler({ event: "stride://progress", id: 1, payload });
  });
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function currentScreen(): HTMLElement {
  const main = document.querySelector<HTMLElement>("main#content");
  if (!main) throw new Error("no main#content");
  return main;
}

async function welcome() {
  const app = renderApp();
  expect(await screen.findByRole("heading", { level: 1, name: "Welcome to Stride" })).toBeInTheDocument();
  return app;
}

describe("first launch", () => {
  beforeEach(() => {
    progressHandler = null;
    unlisten.mockClear();
    vi.mocked(listen).mockImplementation((event, handler) => {
      if (event === "stride://progress") progressHandler = handler;
      return Promise.resolve(unlisten);
    });
    vi.mocked(commands.appInfo).mockResolvedValue({ ...SAMPLE_INFO, goalCount: 0, personCount: 0 });
    vi.mocked(commands.onboardingState).mockResolvedValue(NEEDS_SETUP);
    vi.mocked(commands.listGoals).mockResolvedValue([makeGoal()]);
  });

  it("shows the welcome instead of My week while the database needs setup", async () => {
    await welcome();
    expect(currentScreen()).toHaveAttribute("data-screen", "welcome");
    expect(screen.getByTestId("open-demo")).toHaveAccessibleName("Open the demo organisation");
    expect(screen.getByTestId("start-empty")).toHaveTextContent("Start with your own organisation");
    for (const id of ["setup-name", "setup-email", "setup-title", "setup-organisation", "setup-submit"]) {
      expect(screen.getByTestId(id)).toBeEnabled();
    }
    // Required fields are marked for everyone; the title is optional.
    expect(screen.getByTestId("setup-name")).toBeRequired();
    expect(screen.getByTestId("setup-email")).toBeRequired();
    expect(screen.getByTestId("setup-organisation")).toBeRequired();
    expect(screen.getByTestId("setup-title")).not.toBeRequired();
    expect(screen.getByLabelText(/Job title/)).toBe(screen.getByTestId("setup-title"));
    // The third choice connects to the organisation's server (see sync.test.tsx); no profile yet, and no goals read.
    expect(within(screen.getByTestId("connect-choice")).getByRole("button", { name: "Sign in" })).toBeEnabled();
    expect(screen.queryByTestId("me-name")).not.toBeInTheDocument();
    expect(screen.queryByTestId("setup-banner")).not.toBeInTheDocument();
    expect(commands.listGoals).not.toHaveBeenCalled();
  });

  it("keeps the sidebar usable: other screens show their empty states and a link back to setup", async () => {
    const { user } = await welcome();
    const goals = document.querySelector<HTMLAnchorElement>('[data-nav="goals"]');
    if (!goals) throw new Error("no Goals link");
    vi.mocked(commands.listGoals).mockResolvedValue([]);
    await user.click(goals);
    expect(await screen.findByRole("heading", { level: 1, name: "Goals" })).toBeInTheDocument();
    expect(await screen.findByTestId("empty-state")).toBeInTheDocument();
    const banner = screen.getByTestId("setup-banner");
    expect(banner).toHaveAccessibleName("Setup");
    await user.click(within(banner).getByTestId("setup-link"));
    expect(await screen.findByRole("heading", { level: 1, name: "Welcome to Stride" })).toBeInTheDocument();
    expect(window.location.hash).toBe("#/");
  });

  it("opens the demo with progress from stride://progress, then lands on My week", async () => {
    const demo = deferred<OnboardingState>();
    vi.mocked(commands.openDemo).mockReturnValue(demo.promise);
    const { user } = await welcome();

    await user.click(screen.getByTestId("open-demo"));
    const progress = await screen.findByTestId("demo-progress");
    // It listens before it starts, so no report is missed.
    expect(listen).toHaveBeenCalledWith("stride://progress", expect.any(Function));
    await waitFor(() => {
      expect(commands.openDemo).toHaveBeenCalledTimes(1);
    });
    expect(vi.mocked(listen).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(commands.openDemo).mock.invocationCallOrder[0] ?? 0,
    );
    expect(screen.getByTestId("open-demo")).toBeDisabled();
    expect(screen.getByTestId("setup-submit")).toBeDisabled();
    expect(screen.getByTestId("setup-name")).toBeDisabled();
    // Focus is not lost when the clicked button disables itself.
    expect(progress).toHaveFocus();

    emitProgress({ phase: "organisation", done: 1, total: 2 });
    expect(screen.getByTestId("demo-progress-phase")).toHaveTextContent("Building the organisation and its people");
    emitProgress({ phase: "individual goals", done: 40, total: 120 });
    expect(screen.getByTestId("demo-progress-phase")).toHaveTextContent("Writing individual goals");
    expect(screen.getByTestId("demo-progress-count")).toHaveTextContent("40 of 120");
    const bar = within(progress).getByRole("progressbar", { name: "Opening the demo organisation" });
    expect(bar).toHaveAttribute("value", "40");
    expect(bar).toHaveAttribute("max", "120");

    await act(async () => {
      demo.resolve(SET_UP);
      await demo.promise;
    });
    expect(await screen.findByRole("heading", { level: 1, name: "My week" })).toBeInTheDocument();
    expect(currentScreen()).toHaveAttribute("data-screen", "my-week");
    expect(window.location.hash).toBe("#/");
    expect(await screen.findByTestId("my-goals")).toHaveTextContent("My goals");
    expect(screen.getAllByTestId("goal-row")).toHaveLength(1);
    expect(commands.listGoals).toHaveBeenCalledWith(expect.objectContaining({ scope: "person" }));
    expect(screen.getByTestId("me-name")).toHaveTextContent("Maria Keller");
    expect(screen.getByTestId("me-organisation")).toHaveTextContent("Northwind Logistics");
    expect(unlisten).toHaveBeenCalledTimes(1);
    await waitFor(() => {
      expect(document.getElementById("screen-title")).toHaveFocus();
    });
  });

  it("shows why the demo could not open and lets you try again", async () => {
    vi.mocked(commands.openDemo).mockRejectedValue({ code: "storage", message: "disk full", field: null });
    const { user } = await welcome();
    await user.click(screen.getByTestId("open-demo"));
    const alert = await screen.findByTestId("demo-error");
    expect(alert).toHaveAttribute("role", "alert");
    expect(alert).toHaveTextContent("disk full");
    expect(screen.queryByTestId("demo-progress")).not.toBeInTheDocument();
    expect(screen.getByTestId("open-demo")).toBeEnabled();
    await waitFor(() => {
      expect(screen.getByTestId("open-demo")).toHaveFocus();
    });
    expect(unlisten).toHaveBeenCalledTimes(1);
    expect(currentScreen()).toHaveAttribute("data-screen", "welcome");
  });

  it("still opens the demo where progress cannot be heard", async () => {
    vi.mocked(listen).mockRejectedValue(new Error("not in Tauri"));
    vi.mocked(commands.openDemo).mockResolvedValue(SET_UP);
    const { user } = await welcome();
    await user.click(screen.getByTestId("open-demo"));
    expect(await screen.findByRole("heading", { level: 1, name: "My week" })).toBeInTheDocument();
  });

  it("shows a core field error next to the email field and focuses it", async () => {
    const error: IpcError = { code: "invalid_input", field: "email", message: "email: must contain one @" };
    vi.mocked(commands.startEmpty).mockRejectedValue(error);
    const { user } = await welcome();
    await user.type(screen.getByTestId("setup-name"), "Maria Lopez");
    await user.type(screen.getByTestId("setup-email"), "maria-at-acme");
    await user.type(screen.getByTestId("setup-organisation"), "Acme{Enter}");

    const message = await screen.findByTestId("field-error-email");
    expect(commands.startEmpty).toHaveBeenCalledWith({
      name: "Maria Lopez",
      email: "maria-at-acme",
      title: "",
      organisation: "Acme",
    });
    expect(message).toHaveTextContent("Must contain one @");
    const email = screen.getByTestId("setup-email");
    expect(email.closest(".field")).toContainElement(message);
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Must contain one @");
    await waitFor(() => {
      expect(email).toHaveFocus();
    });
    expect(screen.queryByTestId("setup-error")).not.toBeInTheDocument();
    expect(currentScreen()).toHaveAttribute("data-screen", "welcome");
    // What was typed stays.
    expect(screen.getByTestId("setup-name")).toHaveValue("Maria Lopez");
  });

  it("catches empty required fields before asking the core", async () => {
    const { user } = await welcome();
    await user.type(screen.getByTestId("setup-email"), "maria@acme.test");
    await user.click(screen.getByTestId("setup-submit"));
    expect(await screen.findByTestId("field-error-name")).toHaveTextContent("Enter your name.");
    expect(screen.getByTestId("field-error-organisation")).toHaveTextContent("Enter your organisation's name.");
    expect(screen.queryByTestId("field-error-email")).not.toBeInTheDocument();
    await waitFor(() => {
      expect(screen.getByTestId("setup-name")).toHaveFocus();
    });
    expect(commands.startEmpty).not.toHaveBeenCalled();
  });

  it("shows an error without a field in an alert", async () => {
    vi.mocked(commands.startEmpty).mockRejectedValue({
      code: "conflict",
      message: "This database already holds an organisation.",
      field: null,
    });
    const { user } = await welcome();
    await user.type(screen.getByTestId("setup-name"), "Maria Lopez");
    await user.type(screen.getByTestId("setup-email"), "maria@acme.test");
    await user.type(screen.getByTestId("setup-organisation"), "Acme{Enter}");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveAttribute("data-testid", "setup-error");
    expect(alert).toHaveTextContent("This database already holds an organisation.");
  });

  it("starts empty and lands on My week showing who I am", async () => {
    const me: OnboardingState = {
      needsSetup: false,
      me: { id: "p-9", name: "Maria Lopez", title: "Head of Operations", organisation: "Acme" },
    };
    vi.mocked(commands.startEmpty).mockResolvedValue(me);
    vi.mocked(commands.listGoals).mockResolvedValue([]);
    const { user } = await welcome();
    await user.type(screen.getByTestId("setup-name"), "  Maria Lopez");
    await user.type(screen.getByTestId("setup-email"), "maria@acme.test");
    await user.type(screen.getByTestId("setup-title"), "Head of Operations");
    await user.type(screen.getByTestId("setup-organisation"), "Acme");
    await user.click(screen.getByTestId("setup-submit"));

    expect(await screen.findByRole("heading", { level: 1, name: "My week" })).toBeInTheDocument();
    expect(commands.startEmpty).toHaveBeenCalledWith({
      name: "  Maria Lopez",
      email: "maria@acme.test",
      title: "Head of Operations",
      organisation: "Acme",
    });
    expect(screen.getByTestId("me-name")).toHaveTextContent("Maria Lopez");
    expect(screen.getByTestId("me-organisation")).toHaveTextContent("Acme");
    expect(await screen.findByTestId("empty-state")).toBeInTheDocument();
    await waitFor(() => {
      expect(document.getElementById("screen-title")).toHaveFocus();
    });
  });
});

describe("once set up", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.listGoals).mockResolvedValue([makeGoal()]);
  });

  it("shows My week and who I am in the sidebar", async () => {
    renderApp();
    expect(await screen.findByTestId("me-name")).toHaveTextContent("Maria Keller");
    const sidebar = screen.getByRole("navigation", { name: "Main" });
    expect(sidebar).toContainElement(screen.getByTestId("me-name"));
    expect(screen.getByTestId("me-organisation")).toHaveTextContent("Northwind Logistics");
    expect(await screen.findByTestId("my-goals")).toBeInTheDocument();
    expect(currentScreen()).toHaveAttribute("data-screen", "my-week");
    expect(screen.queryByTestId("setup-banner")).not.toBeInTheDocument();
  });
});
