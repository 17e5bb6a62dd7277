import { screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "./ipc/bindings";
import { renderApp, SAMPLE_INFO, SET_UP } from "./test/render";

vi.mock("./ipc/bindings", () => ({
  commands: {
    appInfo: vi.fn(),
    onboardingState: vi.fn(),
    inbox: vi.fn(() => Promise.resolve([])),
    goalTemplates: vi.fn(),
    globalSearch: vi.fn(() => Promise.resolve({ goals: [], people: [], units: [] })),
  },
}));

function screenSlug(): string | null {
  return document.querySelector("main#content")?.getAttribute("data-screen") ?? null;
}

describe("keyboard shortcuts", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
    vi.mocked(commands.goalTemplates).mockResolvedValue([]);
  });

  it("g s goes to Settings and g w back to My week", async () => {
    const { user } = renderApp();
    await user.keyboard("gs");
    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
    expect(screenSlug()).toBe("settings");
    // Focus lands on the new screen's heading.
    expect(screen.getByRole("heading", { level: 1, name: "Settings" })).toHaveFocus();
    await user.keyboard("gw");
    expect(await screen.findByRole("heading", { level: 1, name: "My week" })).toBeInTheDocument();
    expect(screenSlug()).toBe("my-week");
  });

  it.each([
    ["gt", "team"],
    ["ga", "alignment"],
    ["gi", "inbox"],
    ["gg", "goals"],
    ["gk", "kpis"],
    ["gd", "analytics"],
    ["gr", "reviews"],
    ["gl", "skills"],
  ])("%s goes to %s", async (keys, slug) => {
    const { user } = renderApp();
    await user.keyboard(keys);
    expect(screenSlug()).toBe(slug);
  });

  it("n opens New goal", async () => {
    const { user } = renderApp();
    await user.keyboard("n");
    expect(await screen.findByRole("heading", { level: 1, name: "New goal" })).toBeInTheDocument();
    expect(screenSlug()).toBe("new-goal");
  });

  it("/ opens the global search with its field focused, without typing a slash", async () => {
    const { user } = renderApp();
    await user.keyboard("/");
    const search = screen.getByTestId("global-search-input");
    expect(search).toHaveFocus();
    expect(search).toHaveValue("");
  });

  it("Ctrl+K and ⌘K open the global search, even from a text field", async () => {
    const { user } = renderApp();
    await user.keyboard("{Control>}k{/Control}");
    expect(screen.getByTestId("global-search-dialog")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("global-search-dialog")).not.toBeInTheDocument();
    await user.keyboard("{Meta>}k{/Meta}");
    expect(screen.getByTestId("global-search-input")).toHaveFocus();
  });

  it("shortcuts are ignored while typing in an input", async () => {
    const { user } = renderApp();
    await user.keyboard("/");
    await user.keyboard("gsn?");
    expect(screen.getByTestId("global-search-input")).toHaveValue("gsn?");
    expect(screenSlug()).toBe("my-week");
    expect(screen.queryByRole("dialog", { name: "Keyboard shortcuts" })).not.toBeInTheDocument();
    // Esc closes the search; shortcuts work again.
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("global-search-dialog")).not.toBeInTheDocument();
    await user.keyboard("gt");
    expect(screenSlug()).toBe("team");
  });

  it("a lone g followed by an unmapped key does nothing", async () => {
    const { user } = renderApp();
    await user.keyboard("gz");
    expect(screenSlug()).toBe("my-week");
  });

  it("ignores keys with Ctrl or Meta", async () => {
    const { user } = renderApp();
    await user.keyboard("{Control>}n{/Control}");
    await user.keyboard("{Meta>}n{/Meta}");
    expect(screenSlug()).toBe("my-week");
  });
});

describe("shortcuts dialog", () => {
  beforeEach(() => {
    vi.mocked(commands.appInfo).mockResolvedValue(SAMPLE_INFO);
    vi.mocked(commands.onboardingState).mockResolvedValue(SET_UP);
  });

  it("? opens an accessible dialog that traps focus, closes on Esc and returns focus", async () => {
    const { user } = renderApp();
    const opener = screen.getByTestId("open-shortcuts");
    opener.focus();
    await user.keyboard("?");

    const dialog = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveAccessibleDescription(/while you type/);
    const close = screen.getByTestId("dialog-close");
    const done = screen.getByRole("button", { name: "Done" });
    expect(close).toHaveFocus();

    // The app behind is inert.
    expect(document.querySelector(".app")).toHaveAttribute("inert");

    // Tab cycles between the dialog's controls only.
    await user.tab();
    expect(done).toHaveFocus();
    await user.tab();
    expect(close).toHaveFocus();
    await user.tab({ shift: true });
    expect(done).toHaveFocus();

    // Global shortcuts are off while the dialog is open.
    await user.keyboard("gs");
    expect(screenSlug()).toBe("my-week");

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
    expect(document.querySelector(".app")).not.toHaveAttribute("inert");
  });

  it("the Done button closes it too", async () => {
    const { user } = renderApp();
    await user.keyboard("?");
    await user.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("lists the go-to shortcuts", async () => {
    const { user } = renderApp();
    await user.keyboard("?");
    const dialog = screen.getByRole("dialog");
    expect(dialog).toHaveTextContent("Alignment map");
    expect(dialog).toHaveTextContent("New goal");
  });
});
