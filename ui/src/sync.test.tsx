import { act, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type AttentionView, type ConflictView, type IpcError, type SyncStatus } from "./ipc/bindings";
import { emitEvent, listenerCount, resetEvents } from "./test/events";
import { NEEDS_SETUP, renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(),
    inbox: vi.fn(() => Promise.resolve([])),
    listGoals: vi.fn(() => Promise.resolve([])),
    openDemo: vi.fn(),
    startEmpty: vi.fn(),
    syncStatus: vi.fn(),
    syncSignIn: vi.fn(),
    syncNow: vi.fn(),
    syncSignOut: vi.fn(),
    syncConflicts: vi.fn(),
    keepMine: vi.fn(),
    dismissConflict: vi.fn(),
    syncAttention: vi.fn(),
    dismissAttention: vi.fn(),
  },
  events: { changed: "stride://changed", progress: "stride://progress", sync: "stride://sync" },
}));

// Inside "Tauri": the app subscribes to stride://changed and stride://sync through the fake event bus.
vi.mock("@tauri-apps/api/event", async () => ({ listen: (await import("./test/events")).fakeListen }));
vi.mock("@tauri-apps/api/core", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@tauri-apps/api/core")>()),
  isTauri: () => true,
}));

const SERVER = "https://stride.example.com";

const OFF: SyncStatus = {
  phase: "off",
  message: "This database is not connected to a server.",
  serverUrl: null,
  email: null,
  lastSyncAt: null,
  lastAttemptAt: null,
  pending: 0,
  needsAttention: 0,
  conflicts: 0,
  localOrganisation: false,
};

function status(overrides: Partial<SyncStatus>): SyncStatus {
  return {
    ...OFF,
    phase: "idle",
    message: "Up to date.",
    serverUrl: SERVER,
    email: "maria@northwind.example",
    lastSyncAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    lastAttemptAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    ...overrides,
  };
}

const IDLE = status({});

function conflict(overrides: Partial<ConflictView> = {}): ConflictView {
  return {
    id: "c-1",
    goalId: "g-1",
    goalTitle: "Close 12 deals",
    field: "target",
    sentence: "You set the target to 14 while offline; Ada Brown set it to 12 first, so 12 was kept.",
    mine: "14 deals",
    theirs: "12 deals",
    mineSuperseded: true,
    canKeepMine: true,
    ...overrides,
  };
}

const REJECTED_AT = new Date(Date.now() - 2 * 3_600_000).toISOString();

function refused(overrides: Partial<AttentionView> = {}): AttentionView {
  return {
    opId: "op-1",
    opIds: ["op-1", "op-2"],
    what: "a check-in on Close 12 deals",
    reason: "The goal was deleted on the server.",
    code: "goal_missing",
    rejectedAt: REJECTED_AT,
    ...overrides,
  };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

function input(id: string): HTMLInputElement {
  const el = document.getElementById(id);
  if (!(el instanceof HTMLInputElement)) throw new Error(`no input #${id}`);
  return el;
}

function indicator(): HTMLElement {
  return screen.getByTestId("sync-indicator");
}

/** The sync section of Settings, once the status is read. */
async function openSyncSettings() {
  window.location.hash = "#/settings?section=sync";
  const app = renderApp();
  const section = await screen.findByTestId("sync-settings");
  await waitFor(() => {
    expect(section).toHaveAttribute("data-phase");
  });
  return { ...app, section };
}

beforeEach(() => {
  resetEvents();
  vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
  vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
  vi.mocked(commands.syncStatus).mockResolvedValue(OFF);
  vi.mocked(commands.syncConflicts).mockResolvedValue([]);
  vi.mocked(commands.syncAttention).mockResolvedValue([]);
  for (const fn of [
    commands.syncSignIn,
    commands.syncNow,
    commands.syncSignOut,
    commands.keepMine,
    commands.dismissConflict,
    commands.dismissAttention,
  ]) {
    vi.mocked(fn).mockReset();
  }
});

describe("Settings → Sync: signing in", () => {
  it("shows the sign-in form while sync is off, and puts a field's error next to that field", async () => {
    const error: IpcError = { code: "invalid_input", message: "email: not a valid email address", field: "email" };
    vi.mocked(commands.syncSignIn).mockRejectedValue(error);
    const { user, section } = await openSyncSettings();
    expect(within(section).getByTestId("sync-message")).toHaveTextContent(OFF.message);

    await user.type(input("server-url"), ` ${SERVER} `);
    await user.type(input("sync-email"), "maria");
    await user.type(input("sync-password"), "secret{Enter}");

    await waitFor(() => {
      expect(commands.syncSignIn).toHaveBeenCalledWith({ serverUrl: SERVER, email: "maria", password: "secret" });
    });
    const email = input("sync-email");
    await waitFor(() => {
      expect(email).toHaveAttribute("aria-invalid", "true");
    });
    expect(email).toHaveAccessibleDescription("Not a valid email address");
    expect(screen.getByTestId("field-error-sync-email").closest(".field")).toContainElement(email);
    expect(email).toHaveFocus();
    expect(input("server-url")).toHaveAttribute("aria-invalid", "false");
    expect(input("sync-password")).toHaveAttribute("aria-invalid", "false");
    expect(screen.queryByTestId("sign-in-error")).not.toBeInTheDocument();
  });

  it("shows a server-address error next to the server address, and empty fields without asking the core", async () => {
    vi.mocked(commands.syncSignIn).mockRejectedValue({
      code: "invalid_input",
      message: "Stride could not reach https://nowhere.example.",
      field: "serverUrl",
    } satisfies IpcError);
    const { user } = await openSyncSettings();

    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(commands.syncSignIn).not.toHaveBeenCalled();
    for (const id of ["server-url", "sync-email", "sync-password"]) {
      expect(input(id)).toHaveAttribute("aria-invalid", "true");
    }
    expect(input("server-url")).toHaveFocus();

    await user.type(input("server-url"), "https://nowhere.example");
    await user.type(input("sync-email"), "maria@northwind.example");
    await user.type(input("sync-password"), "secret");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => {
      expect(input("server-url")).toHaveAccessibleDescription(
        expect.stringContaining("Stride could not reach https://nowhere.example.") as string,
      );
    });
    expect(input("server-url")).toHaveAttribute("aria-invalid", "true");
    expect(input("sync-email")).toHaveAttribute("aria-invalid", "false");
  });

  it("shows a conflict above the form, not next to a field", async () => {
    const error: IpcError = {
      code: "conflict",
      message: "This database holds an organisation made on this computer, so it cannot connect to a server.",
      field: null,
    };
    vi.mocked(commands.syncSignIn).mockRejectedValue(error);
    const { user } = await openSyncSettings();
    await user.type(input("server-url"), SERVER);
    await user.type(input("sync-email"), "maria@northwind.example");
    await user.type(input("sync-password"), "secret{Enter}");

    const alert = await screen.findByTestId("sign-in-error");
    expect(alert).toHaveAttribute("role", "alert");
    expect(alert).toHaveTextContent(error.message);
    const form = screen.getByTestId("sign-in-form");
    expect(form.firstElementChild).toBe(alert);
    for (const id of ["server-url", "sync-email", "sync-password"]) {
      expect(input(id)).toHaveAttribute("aria-invalid", "false");
    }
  });

  it("says Signing in… while it runs, then shows where sync stands", async () => {
    const answer = deferred<SyncStatus>();
    vi.mocked(commands.syncSignIn).mockReturnValue(answer.promise);
    const { user } = await openSyncSettings();
    await user.type(input("server-url"), SERVER);
    await user.type(input("sync-email"), "maria@northwind.example");
    await user.type(input("sync-password"), "secret{Enter}");

    expect(await screen.findByTestId("sign-in-submit")).toHaveTextContent("Signing in…");
    expect(screen.getByTestId("sign-in-submit")).toHaveAttribute("aria-disabled", "true");
    await act(async () => {
      answer.resolve(status({ pending: 3 }));
      await answer.promise;
    });

    expect(await screen.findByTestId("sync-server")).toHaveTextContent(SERVER);
    expect(screen.getByTestId("sync-account")).toHaveTextContent("maria@northwind.example");
    expect(screen.getByTestId("sync-message")).toHaveTextContent("Up to date.");
    expect(screen.getByTestId("sync-pending")).toHaveTextContent("3 changes waiting to be sent");
    const last = screen.getByTestId("sync-last");
    expect(last.previousElementSibling).toHaveTextContent("Last synced");
    expect(last).toHaveTextContent("5 minutes ago");
    expect(last.querySelector("time")).toHaveAttribute("title", expect.stringMatching(/\d/) as string);
    expect(screen.queryByTestId("sign-in-form")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sync now" })).toBeEnabled();
    expect(indicator()).toHaveAttribute("data-phase", "idle");
    expect(indicator()).toHaveTextContent("Synced");
  });

  it("explains that a local organisation stays local, with no form", async () => {
    vi.mocked(commands.syncStatus).mockResolvedValue({
      ...OFF,
      localOrganisation: true,
      message: "This database holds an organisation made on this computer; it stays local.",
    });
    const { section } = await openSyncSettings();
    expect(within(section).getByTestId("sync-message")).toHaveTextContent("it stays local");
    expect(screen.queryByTestId("sign-in-form")).not.toBeInTheDocument();
    expect(screen.queryByTestId("sync-conflicts")).not.toBeInTheDocument();
  });

  it("asks only for the password when signed out, with server and email filled in", async () => {
    vi.mocked(commands.syncStatus).mockResolvedValue(
      status({ phase: "signed_out", message: "Signed out. 2 changes wait on this computer.", pending: 2 }),
    );
    vi.mocked(commands.syncSignIn).mockResolvedValue(IDLE);
    const { user } = await openSyncSettings();
    expect(input("server-url")).toHaveValue(SERVER);
    expect(input("server-url")).toHaveAttribute("readonly");
    expect(input("sync-email")).toHaveValue("maria@northwind.example");
    expect(input("sync-email")).toHaveAttribute("readonly");
    expect(screen.getByTestId("sync-pending")).toHaveTextContent("2 changes waiting to be sent");
    await user.type(input("sync-password"), "secret{Enter}");
    await waitFor(() => {
      expect(commands.syncSignIn).toHaveBeenCalledWith({ serverUrl: SERVER, email: "maria@northwind.example", password: "secret" });
    });
    expect(await screen.findByTestId("sync-server")).toHaveTextContent(SERVER);
  });
});

describe("Settings → Sync: connected", () => {
  it("syncs now: disabled and Syncing… while it runs", async () => {
    vi.mocked(commands.syncStatus).mockResolvedValue(status({ pending: 1 }));
    const answer = deferred<SyncStatus>();
    vi.mocked(commands.syncNow).mockReturnValue(answer.promise);
    const { user } = await openSyncSettings();
    expect(screen.getByTestId("sync-pending")).toHaveTextContent("1 change waiting to be sent");

    await user.click(screen.getByRole("button", { name: "Sync now" }));
    expect(commands.syncNow).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("sync-now")).toBeDisabled();
    expect(screen.getByTestId("sync-now")).toHaveTextContent("Syncing…");
    await act(async () => {
      answer.resolve(status({ pending: 0 }));
      await answer.promise;
    });
    await waitFor(() => {
      expect(screen.getByTestId("sync-now")).toBeEnabled();
    });
    expect(screen.getByTestId("sync-now")).toHaveAccessibleName("Sync now");
    expect(screen.getByTestId("sync-pending")).toHaveTextContent("Everything sent");
  });

  it("asks before signing out, saying the token leaves the keychain and waiting changes stay", async () => {
    vi.mocked(commands.syncStatus).mockResolvedValue(status({ pending: 3 }));
    vi.mocked(commands.syncSignOut).mockResolvedValue(
      status({ phase: "signed_out", message: "Signed out. 3 changes wait on this computer.", pending: 3 }),
    );
    const { user } = await openSyncSettings();

    await user.click(screen.getByRole("button", { name: "Sign out" }));
    let dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveAccessibleDescription(/system keychain/);
    expect(dialog).toHaveAccessibleDescription(/3 changes waiting to be sent stay on this computer until you sign in again/);
    expect(commands.syncSignOut).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(commands.syncSignOut).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Sign out" }));
    dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Sign out" }));
    await waitFor(() => {
      expect(commands.syncSignOut).toHaveBeenCalledTimes(1);
    });
    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(await screen.findByTestId("sign-in-form")).toBeInTheDocument();
    expect(input("server-url")).toHaveValue(SERVER);
    expect(indicator()).toHaveAttribute("data-phase", "signed_out");
    expect(indicator()).toHaveTextContent("Signed out");
  });
});

describe("Settings → Sync: conflicts and refused changes", () => {
  beforeEach(() => {
    vi.mocked(commands.syncStatus).mockResolvedValue(status({ conflicts: 2, needsAttention: 1 }));
  });

  it("lists conflicts with a link to the goal; Keep mine writes my value back and the item leaves after the refetch", async () => {
    const second = conflict({ id: "c-2", goalId: null, goalTitle: null, field: "unit name", canKeepMine: false, sentence: "Renamed twice." });
    vi.mocked(commands.syncConflicts).mockResolvedValueOnce([conflict(), second]).mockResolvedValue([second]);
    vi.mocked(commands.keepMine).mockResolvedValue(null);
    const { user } = await openSyncSettings();

    const items = await screen.findAllByTestId("sync-conflict");
    expect(items).toHaveLength(2);
    const [first, other] = items as [HTMLElement, HTMLElement];
    expect(within(first).getByRole("link", { name: "Close 12 deals" })).toHaveAttribute("href", "#/goals/g-1");
    expect(first).toHaveTextContent(conflict().sentence);
    expect(within(other).queryByRole("button", { name: "Keep mine" })).not.toBeInTheDocument();
    expect(within(other).getByRole("button", { name: "Dismiss" })).toBeInTheDocument();

    await user.click(within(first).getByRole("button", { name: "Keep mine" }));
    await waitFor(() => {
      expect(commands.keepMine).toHaveBeenCalledWith("c-1");
    });
    expect(await screen.findByTestId("toast")).toHaveTextContent("Your value is back; it will be sent with the next sync");
    await waitFor(() => {
      expect(screen.getAllByTestId("sync-conflict")).toHaveLength(1);
    });
    expect(screen.getByTestId("sync-conflict")).toHaveAttribute("data-conflict-id", "c-2");
  });

  it("dismisses a conflict, then shows the empty state", async () => {
    vi.mocked(commands.syncConflicts).mockResolvedValueOnce([conflict()]).mockResolvedValue([]);
    vi.mocked(commands.dismissConflict).mockResolvedValue(null);
    const { user } = await openSyncSettings();
    const item = await screen.findByTestId("sync-conflict");
    await user.click(within(item).getByRole("button", { name: "Dismiss" }));
    await waitFor(() => {
      expect(commands.dismissConflict).toHaveBeenCalledWith("c-1");
    });
    expect(await screen.findByTestId("sync-conflicts-empty")).toHaveTextContent(
      "No conflicts. When two people change the same field while offline, you will see both values here.",
    );
  });

  it("lists refused changes with the reason and when; Dismiss takes one off", async () => {
    vi.mocked(commands.syncAttention).mockResolvedValueOnce([refused()]).mockResolvedValue([]);
    vi.mocked(commands.dismissAttention).mockResolvedValue(null);
    const { user } = await openSyncSettings();
    const item = await screen.findByTestId("sync-attention");
    expect(item).toHaveTextContent("A check-in on Close 12 deals");
    expect(item).toHaveTextContent("The goal was deleted on the server.");
    expect(item.querySelector("time")).toHaveAttribute("dateTime", refused().rejectedAt);
    expect(item.querySelector("time")?.textContent).toMatch(/2 hours ago/);

    await user.click(within(item).getByRole("button", { name: "Dismiss" }));
    await waitFor(() => {
      expect(commands.dismissAttention).toHaveBeenCalledWith("op-1");
    });
    expect(await screen.findByTestId("sync-attention-empty")).toHaveTextContent(/Nothing needs your attention/);
    expect(screen.queryByTestId("sync-attention")).not.toBeInTheDocument();
  });

  it("reads the lists again when a sync event or a change arrives", async () => {
    await openSyncSettings();
    await screen.findByTestId("sync-conflicts-empty");
    const conflictsRead = vi.mocked(commands.syncConflicts).mock.calls.length;
    const attentionRead = vi.mocked(commands.syncAttention).mock.calls.length;

    vi.mocked(commands.syncConflicts).mockResolvedValue([conflict()]);
    emitEvent("stride://sync", status({ conflicts: 1 }));
    expect(await screen.findByTestId("sync-conflict")).toBeInTheDocument();
    expect(commands.syncConflicts).toHaveBeenCalledTimes(conflictsRead + 1);

    vi.mocked(commands.syncAttention).mockResolvedValue([refused()]);
    emitEvent("stride://changed");
    expect(await screen.findByTestId("sync-attention")).toBeInTheDocument();
    expect(vi.mocked(commands.syncAttention).mock.calls.length).toBeGreaterThan(attentionRead);
  });
});

describe("sync indicator", () => {
  it("is hidden while sync is off", async () => {
    renderApp();
    await waitFor(() => {
      expect(indicator()).toHaveAttribute("data-phase", "off");
    });
    expect(indicator()).not.toBeVisible();
  });

  it("follows every phase as stride://sync events arrive", async () => {
    renderApp();
    await waitFor(() => {
      expect(indicator()).toHaveAttribute("data-phase", "off");
    });
    expect(listenerCount("stride://sync")).toBe(1);

    const cases: [SyncStatus, string][] = [
      [IDLE, "Synced"],
      [status({ phase: "syncing" }), "Syncing…"],
      [status({ phase: "offline", pending: 3, message: "Cannot reach the server. 3 changes wait on this computer." }), "Offline · 3 waiting"],
      [status({ phase: "signed_out" }), "Signed out"],
      [status({ phase: "error", message: "The server answered 500." }), "Sync error"],
    ];
    for (const [payload, text] of cases) {
      emitEvent("stride://sync", payload);
      await waitFor(() => {
        expect(indicator()).toHaveAttribute("data-phase", payload.phase);
      });
      expect(indicator()).toBeVisible();
      expect(screen.getByTestId("sync-indicator-text")).toHaveTextContent(text);
    }
    expect(screen.getByTestId("sync-indicator-text")).toHaveAttribute("role", "status");
    expect(screen.getByTestId("sync-indicator-text")).toHaveAttribute("aria-live", "polite");
    expect(indicator()).toHaveAttribute("title", expect.stringContaining("The server answered 500.") as string);

    emitEvent("stride://sync", status({ conflicts: 2, needsAttention: 1 }));
    await waitFor(() => {
      expect(screen.getByTestId("sync-indicator-text")).toHaveTextContent("Synced · 2 conflicts · 1 needs attention");
    });
    expect(indicator()).toHaveAttribute("title", expect.stringMatching(/^Last synced /) as string);

    emitEvent("stride://sync", OFF);
    await waitFor(() => {
      expect(indicator()).not.toBeVisible();
    });
  });

  it("links to Settings → Sync and moves focus there", async () => {
    vi.mocked(commands.syncStatus).mockResolvedValue(status({ phase: "offline", pending: 2 }));
    const { user } = renderApp();
    await waitFor(() => {
      expect(indicator()).toHaveAttribute("data-phase", "offline");
    });
    expect(indicator()).toHaveAttribute("href", "#/settings?section=sync");
    expect(indicator()).toHaveTextContent("Offline · 2 waiting");
    await user.click(indicator());
    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.getByRole("heading", { level: 2, name: "Sync" })).toHaveFocus();
    });
  });
});

describe("welcome: connect to your organisation's server", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue({ ...SAMPLE_INFO, goalCount: 0, personCount: 0 });
    vi.mocked(commands.onboardingState).mockResolvedValue(NEEDS_SETUP);
  });

  it("offers the connect choice beside the demo and starting empty", async () => {
    renderApp();
    expect(await screen.findByRole("heading", { level: 1, name: "Welcome to Stride" })).toBeInTheDocument();
    const choice = screen.getByTestId("connect-choice");
    expect(choice).toHaveAccessibleName("Connect to your organisation’s server");
    expect(within(choice).getByLabelText("Server address")).toBe(input("server-url"));
    expect(within(choice).getByLabelText("Email")).toBe(input("sync-email"));
    expect(within(choice).getByLabelText("Password")).toBe(input("sync-password"));
    expect(within(choice).getByRole("button", { name: "Sign in" })).toBeEnabled();
    expect(screen.getByTestId("demo-choice")).toBeInTheDocument();
    expect(screen.getByTestId("start-empty")).toBeInTheDocument();
  });

  it("continues to My week once signed in and the organisation has arrived", async () => {
    vi.mocked(commands.syncSignIn).mockResolvedValue(status({ phase: "syncing", message: "Fetching your organisation." }));
    const { user } = renderApp();
    await screen.findByTestId("connect-choice");
    await user.type(input("server-url"), SERVER);
    await user.type(input("sync-email"), "maria@northwind.example");
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    await user.type(input("sync-password"), "secret{Enter}");
    expect(await screen.findByRole("heading", { level: 1, name: "My week" })).toBeInTheDocument();
    expect(commands.syncSignIn).toHaveBeenCalledWith({ serverUrl: SERVER, email: "maria@northwind.example", password: "secret" });
  });

  it("waits on the welcome for the first sync, then leaves when the data arrives", async () => {
    vi.mocked(commands.syncSignIn).mockResolvedValue(status({ phase: "syncing", message: "Fetching your organisation." }));
    const { user } = renderApp();
    await screen.findByTestId("connect-choice");
    await user.type(input("server-url"), SERVER);
    await user.type(input("sync-email"), "maria@northwind.example");
    await user.type(input("sync-password"), "secret{Enter}");
    expect(await screen.findByTestId("connect-status")).toHaveTextContent("Fetching your organisation.");
    expect(screen.getByRole("heading", { level: 1, name: "Welcome to Stride" })).toBeInTheDocument();

    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    emitEvent("stride://changed");
    expect(await screen.findByRole("heading", { level: 1, name: "My week" })).toBeInTheDocument();
  });
});
