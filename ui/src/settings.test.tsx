import { screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, type IpcError } from "./ipc/bindings";
import { NEEDS_SETUP, renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(),
    inbox: vi.fn(() => Promise.resolve([])),
    // Settings also shows the Sync section (tested in sync.test.tsx): sync is off here.
    syncStatus: vi.fn(() =>
      Promise.resolve({
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
      }),
    ),
  },
}));

describe("Settings: About this installation", () => {
  beforeEach(() => {
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
  });

  it("shows who this installation acts as once set up", async () => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    window.location.hash = "#/settings";
    renderApp();
    expect(await screen.findByTestId("profile")).toHaveTextContent("Maria Keller, Northwind Logistics");
    expect(screen.getByTestId("profile").previousElementSibling).toHaveTextContent("Profile");
  });

  it("has no profile line before setup", async () => {
    vi.mocked(commands.onboardingState).mockResolvedValue(NEEDS_SETUP);
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    window.location.hash = "#/settings";
    renderApp();
    expect(await screen.findByTestId("app-version")).toBeInTheDocument();
    await waitFor(() => {
      expect(commands.onboardingState).toHaveBeenCalled();
    });
    expect(screen.queryByTestId("profile")).not.toBeInTheDocument();
  });

  it("shows a loading state, then the values from app_info", async () => {
    let resolve: (value: typeof SAMPLE_INFO) => void = () => undefined;
    vi.mocked(commands.appInfo).mockReturnValue(
      new Promise((r) => {
        resolve = r;
      }),
    );
    window.location.hash = "#/settings";
    renderApp();
    expect(screen.getByTestId("app-info-loading")).toBeInTheDocument();
    resolve(SAMPLE_INFO);

    expect(await screen.findByTestId("app-version")).toHaveTextContent("0.1.0");
    expect(screen.getByTestId("database-path")).toHaveTextContent(SAMPLE_INFO.databasePath);
    expect(screen.getByTestId("data-dir")).toHaveTextContent(SAMPLE_INFO.dataDir);
    expect(screen.getByTestId("schema-version")).toHaveTextContent("3");
    expect(screen.getByTestId("goal-count")).toHaveTextContent(new Intl.NumberFormat().format(1234));
    expect(screen.getByTestId("person-count")).toHaveTextContent("0");
    expect(screen.queryByTestId("app-info-loading")).not.toBeInTheDocument();
    expect(commands.appInfo).toHaveBeenCalledTimes(1);
  });

  it("shows the IpcError message when app_info fails", async () => {
    const error: IpcError = { code: "storage", message: "database is locked", field: null };
    vi.mocked(commands.appInfo).mockRejectedValue(error);
    window.location.hash = "#/settings";
    renderApp();
    expect(await screen.findByRole("alert")).toHaveTextContent("database is locked");
    expect(screen.getByTestId("app-info-error-message")).toHaveTextContent("database is locked");
    expect(screen.queryByTestId("app-version")).not.toBeInTheDocument();
    expect(screen.getByTestId("db-status")).toHaveAttribute("data-state", "error");
  });

  it("turns a non-IpcError rejection into a message", async () => {
    vi.mocked(commands.appInfo).mockRejectedValue("window not ready");
    window.location.hash = "#/settings";
    renderApp();
    expect(await screen.findByTestId("app-info-error-message")).toHaveTextContent("window not ready");
  });

  it("Try again refetches", async () => {
    vi.mocked(commands.appInfo).mockRejectedValueOnce({ code: "internal", message: "boom", field: null });
    vi.mocked(commands.appInfo).mockResolvedValueOnce(SAMPLE_INFO);
    window.location.hash = "#/settings";
    const { user } = renderApp();
    await screen.findByRole("alert");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("app-version")).toHaveTextContent("0.1.0");
    await waitFor(() => {
      expect(commands.appInfo).toHaveBeenCalledTimes(2);
    });
  });
});
