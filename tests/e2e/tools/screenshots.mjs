// `cargo xtask screenshots`: every screen of the real app on the demo
// organisation at 1280×800, light theme, and My week, the goal page and the
// alignment map in the dark theme too — written to docs/screenshots/
// (STRIDE_E2E_OUT) and shown in the README.
import { withApp } from "../webdriver.mjs";
import { findSeedGoal, screens, setTheme } from "./tour.mjs";

const DARK = new Set(["my-week", "goal", "alignment"]);

await withApp(
  async (s) => {
    await s.waitFor('main[data-screen="my-week"] [data-testid="goal-row"]', 90000);
    await s.cmd("POST", "/window/rect", { width: 1280, height: 800 }).catch(() => undefined);
    const seed = await findSeedGoal(s);
    const all = screens(seed);
    await setTheme(s, "light");
    for (const [name, open] of all) {
      await open(s);
      // The alignment map's search from finding the seed goal is cleared by navigation.
      const file = await s.screenshot(name);
      console.log(`screenshot ${name}: ${file}`);
    }
    await setTheme(s, "dark");
    for (const [name, open] of all.filter(([n]) => DARK.has(n))) {
      await open(s);
      const file = await s.screenshot(`${name}-dark`);
      console.log(`screenshot ${name}-dark: ${file}`);
    }
    await setTheme(s, "system");
  },
  { args: ["--demo"] },
);
