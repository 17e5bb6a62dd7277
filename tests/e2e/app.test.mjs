// End-to-end: the real stride-desktop binary in the real WebKitGTK web view.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
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

/** First launch: start with your own organisation through the welcome form. */
async function startEmpty(s) {
  await s.waitFor('main[data-screen="welcome"] h1');
  await s.type(await s.find('[data-testid="setup-name"]'), "Maria Lopez");
  await s.type(await s.find('[data-testid="setup-email"]'), "maria@acme.test");
  await s.type(await s.find('[data-testid="setup-organisation"]'), "Acme Logistics");
  await s.click(await s.find('[data-testid="setup-submit"]'));
  await s.waitFor('main[data-screen="my-week"] h1');
  await s.waitForText('[data-testid="me-name"]', (t) => t.includes("Maria Lopez"));
}

test("the app starts on its home screen: first launch offers the demo or your own organisation", async () => {
  await withApp(async (s) => {
    await s.waitFor('main[data-screen="welcome"] h1');
    assert.equal(await s.title(), "Stride");
    // The status pill turns ready once the Rust side answered.
    await s.waitFor('[data-testid="db-status"][data-state="ready"]');
    await s.find('[data-testid="open-demo"]');
    await s.find('[data-testid="start-empty"]');
    const nav = await s.findAll("[data-nav]");
    assert.ok(nav.length >= SCREENS.length, `navigation shows ${nav.length} links`);
    assert.ok(existsSync(await s.screenshot("first-launch")));

    // A bad email is refused next to its field; nothing is created.
    await s.type(await s.find('[data-testid="setup-name"]'), "Maria Lopez");
    await s.type(await s.find('[data-testid="setup-email"]'), "maria-at-acme");
    await s.type(await s.find('[data-testid="setup-organisation"]'), "Acme Logistics");
    await s.click(await s.find('[data-testid="setup-submit"]'));
    await s.waitForText('[data-testid="field-error-email"]', (t) => t.length > 0);
    const email = await s.find('[data-testid="setup-email"]');
    await s.cmd("POST", `/element/${email}/clear`, {});
    await s.type(email, "maria@acme.test");
    await s.click(await s.find('[data-testid="setup-submit"]'));
    await s.waitFor('main[data-screen="my-week"] h1');
    await s.waitForText('[data-testid="me-name"]', (t) => t.includes("Maria Lopez"));
    assert.ok(existsSync(await s.screenshot("home")));
  });
});

test("opening the demo organisation from the welcome screen fills My week", async () => {
  await withApp(async (s) => {
    await s.waitFor('main[data-screen="welcome"] h1');
    await s.click(await s.find('[data-testid="open-demo"]'));
    await s.waitFor('main[data-screen="my-week"] [data-testid="goal-row"]', 60000);
    await s.waitForText('[data-testid="me-organisation"]', (t) => t.length > 0);
    await s.screenshot("demo-my-week");
  });
});

test("navigation reaches every screen, each with a heading and an honest empty state", async () => {
  await withApp(async (s) => {
    await startEmpty(s);
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
    await s.waitFor('main[data-screen="welcome"]');
    await s.click(await s.find('[data-nav="settings"]'));
    const version = await s.waitForText('[data-testid="schema-version"]', (t) => /\d/.test(t));
    // The highest migration the store applies on open.
    const schema = readFileSync(new URL("../../crates/stride-store/src/open.rs", import.meta.url), "utf8").match(/pub const SCHEMA_VERSION: i64 = (\d+);/)[1];
    assert.equal(version.trim(), schema);
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
    await startEmpty(s);
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
