// End-to-end: the real stride-desktop binary in the real WebKitGTK web view.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";

import { withApp } from "./webdriver.mjs";

// Every screen the navigation offers (architecture.md's screen list).
const SCREENS = [
  "my-week",
  "goals",
  "new-goal",
  "team",
  "alignment",
  "kpis",
  "analytics",
  "reviews",
  "skills",
  "inbox",
  "settings",
];

test("the app starts on its home screen and a screenshot is written", async () => {
  await withApp(async (s) => {
    await s.waitFor('main[data-screen="my-week"] h1');
    assert.equal(await s.title(), "Stride");
    // The status pill turns ready once the Rust side answered.
    await s.waitFor('[data-testid="db-status"][data-state="ready"]');
    const nav = await s.findAll("[data-nav]");
    assert.ok(nav.length >= SCREENS.length, `navigation shows ${nav.length} links`);
    const file = await s.screenshot("home");
    assert.ok(existsSync(file));
  });
});

test("navigation reaches every screen, each with a heading and an honest empty state", async () => {
  await withApp(async (s) => {
    await s.waitFor('main[data-screen="my-week"]');
    for (const slug of SCREENS) {
      await s.click(await s.find(`[data-nav="${slug}"]`));
      const heading = await s.waitFor(`main[data-screen="${slug}"] h1`);
      const text = await s.text(heading);
      assert.ok(text.trim().length > 0, `${slug} has a heading`);
      const link = await s.find(`[data-nav="${slug}"]`);
      assert.equal(await s.attr(link, "aria-current"), "page", `${slug} is marked current`);
    }
  });
});

test("a Rust command round-trip shows the migrated database in Settings", async () => {
  await withApp(async (s) => {
    await s.waitFor('main[data-screen="my-week"]');
    await s.click(await s.find('[data-nav="settings"]'));
    const version = await s.waitForText('[data-testid="schema-version"]', (t) => /\d/.test(t));
    assert.equal(version.trim(), "2");
    const dbPath = await s.waitForText('[data-testid="database-path"]', (t) => t.includes("stride.db"));
    assert.equal(dbPath.trim(), join(s.dataDir, "stride.db"));
    assert.ok(existsSync(join(s.dataDir, "stride.db")), "the SQLite file exists on disk");
    const appVersion = await s.waitForText('[data-testid="app-version"]', (t) => t.length > 0);
    assert.match(appVersion, /^\d+\.\d+\.\d+/);
    await s.screenshot("settings");
  });
});

test("keyboard shortcuts move between screens", async () => {
  await withApp(async (s) => {
    const heading = await s.waitFor('main[data-screen="my-week"] h1');
    await s.waitFor('[data-testid="db-status"][data-state="ready"]');
    // Keys go to the focused document: click into the page first, as a person would.
    await s.click(heading);
    await s.keys("gs");
    await s.waitFor('main[data-screen="settings"]');
    await s.keys("gw");
    await s.waitFor('main[data-screen="my-week"]');
  });
});
