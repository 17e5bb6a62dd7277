import { screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "./ipc/bindings";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";
import { applyThemePreference, readThemePreference, THEME_STORAGE_KEY } from "./theme";

vi.mock("./ipc/bindings", () => ({ commands: { appInfo: vi.fn(), onboardingState: vi.fn(), inbox: vi.fn(() => Promise.resolve([])) } }));

describe("theme override", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    window.location.hash = "#/settings";
  });

  it("follows the system by default (no data-theme)", () => {
    renderApp();
    expect(screen.getByTestId("theme-system")).toBeChecked();
    expect(document.documentElement).not.toHaveAttribute("data-theme");
  });

  it("Dark / Light set data-theme and persist; System removes it", async () => {
    const { user } = renderApp();
    await user.click(screen.getByTestId("theme-dark"));
    expect(document.documentElement).toHaveAttribute("data-theme", "dark");
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe("dark");

    await user.click(screen.getByTestId("theme-light"));
    expect(document.documentElement).toHaveAttribute("data-theme", "light");
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe("light");

    await user.click(screen.getByTestId("theme-system"));
    expect(document.documentElement).not.toHaveAttribute("data-theme");
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe("system");
  });

  it("restores the saved preference at start-up", () => {
    window.localStorage.setItem(THEME_STORAGE_KEY, "dark");
    expect(readThemePreference()).toBe("dark");
    applyThemePreference(readThemePreference());
    expect(document.documentElement).toHaveAttribute("data-theme", "dark");
    renderApp();
    expect(screen.getByTestId("theme-dark")).toBeChecked();
  });

  it("ignores junk in storage", () => {
    window.localStorage.setItem(THEME_STORAGE_KEY, "purple");
    expect(readThemePreference()).toBe("system");
  });
});
