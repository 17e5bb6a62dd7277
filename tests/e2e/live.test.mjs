// End-to-end: one source of truth. A check-in made on My week reaches the
// goal page, the dashboard and the alignment map — each visited before the
// check-in, so a cached view would show the old numbers — without reloading
// the page.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withApp } from "./webdriver.mjs";

/** The last number in a text such as "48 hours → 32 hours" or "$1,200 → $1,500". */
function lastNumber(text) {
  const numbers = text.replace(/[,\u00a0\u202f]/g, "").match(/-?\d+(\.\d+)?/g) ?? [];
  return numbers.length === 0 ? undefined : Number(numbers[numbers.length - 1]);
}

async function textOf(s, css) {
  return s.execute(`const e = document.querySelector(${JSON.stringify(css)}); return e === null ? null : e.textContent;`);
}

async function until(what, read, pred, ms = 15000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await read().catch(() => undefined);
    if (last !== undefined && last !== null && pred(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what}: last seen ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

test("a check-in from My week shows on the goal page, the dashboard and the alignment map without a reload", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"] [data-testid="goal-row"]', 60000);
      // A marker on the window: a reload would wipe it.
      await s.execute("window.__strideSameDocument = 'live-views';");

      // One of my measurable goals that is not met yet: reaching its target
      // moves it to "done" everywhere.
      const candidates = await s.execute(
        `return [...document.querySelectorAll('main[data-screen="my-week"] [data-testid="goal-row"]')]
           .filter((r) => ["on_track", "at_risk", "off_track"].includes(r.dataset.status))
           .map((r) => ({ id: r.dataset.goalId, title: r.querySelector('[data-testid="goal-link"]').textContent.trim() }));`,
      );
      let goal;
      let target;
      for (const c of candidates) {
        await s.execute(`window.location.hash = "#/goals/${c.id}"`);
        await s.waitFor(`main[data-screen="goal"]`);
        await until("goal page of " + c.title, () => textOf(s, '[data-testid="goal-title"]'), (t) => t.trim() === c.title);
        const definition = await until("goal definition", () => textOf(s, '[data-testid="goal-target"]'), (t) => t.trim().length > 0);
        const direction = await textOf(s, '[data-testid="goal-definition"]');
        if (!definition.includes("→") || /band|at least|at most|done/i.test(direction ?? "")) continue;
        const t = lastNumber(definition);
        if (t === undefined) continue;
        goal = c;
        target = t;
        break;
      }
      assert.ok(goal !== undefined, `My week lists a measurable goal that is not met yet: ${JSON.stringify(candidates)}`);
      const goalPercentBefore = await until("goal progress", () => textOf(s, '[data-testid="goal-progress"]'), (t) => /%/.test(t));
      assert.doesNotMatch(goalPercentBefore, /^100\s?%/);

      // The dashboard before: how many goals are done.
      await s.execute('window.location.hash = "#/analytics"');
      const doneBefore = Number(
        (await until("done tile", () => textOf(s, '[data-testid="tile-done-value"]'), (t) => /\d/.test(t))).replace(/\D/g, ""),
      );

      // The alignment map before: the goal's node and its rolled-up progress.
      await s.execute('window.location.hash = "#/alignment"');
      await s.waitFor('main[data-screen="alignment"] [data-testid="tree-node"]', 30000);
      await s.type(await s.find('[data-testid="alignment-search"]'), goal.title);
      const node = `[data-testid="tree-node"][data-goal-id="${goal.id}"] [data-testid="tree-progress"]`;
      const nodeBefore = await until("map node", () => textOf(s, node), (t) => /%/.test(t));
      assert.doesNotMatch(nodeBefore, /^100\s?%/);

      // Check in from My week: the target is reached.
      await s.execute('window.location.hash = "#/"');
      await s.click(await s.waitFor(`main[data-screen="my-week"] [data-goal-id="${goal.id}"] [data-testid="check-in-button"]`));
      await s.waitFor('[data-testid="check-in-dialog"]');
      const value = await s.find('[data-testid="check-in-value"]');
      await s.cmd("POST", `/element/${value}/clear`, {});
      await s.type(value, String(target));
      await s.type(await s.find('[data-testid="check-in-note"]'), "Target reached (live views test)");
      await s.click(await s.find('[data-testid="check-in-save"]'));
      await s.waitForText('[data-testid="toast"]', (t) => /saved/i.test(t));
      // My week itself moves the goal to done.
      await until("My week row status", () => s.execute(`return document.querySelector('[data-goal-id="${goal.id}"]')?.dataset.status ?? null`), (st) => st === "done");

      // The goal page.
      await s.execute(`window.location.hash = "#/goals/${goal.id}"`);
      await until("goal page progress", () => textOf(s, 'main[data-screen="goal"] [data-testid="goal-progress"]'), (t) => /^100\s?%/.test(t.trim()));
      await s.waitForText('[data-testid="check-in-history"]', (t) => t.includes("Target reached (live views test)"));

      // The dashboard: one more goal done.
      await s.execute('window.location.hash = "#/analytics"');
      await until(
        `done tile ${doneBefore} + 1`,
        () => textOf(s, 'main[data-screen="analytics"] [data-testid="tile-done-value"]'),
        (t) => Number(t.replace(/\D/g, "")) === doneBefore + 1,
      );

      // The alignment map: the node is at 100 %.
      await s.execute('window.location.hash = "#/alignment"');
      await s.waitFor('main[data-screen="alignment"] [data-testid="alignment-search"]');
      const search = await s.find('[data-testid="alignment-search"]');
      await s.cmd("POST", `/element/${search}/clear`, {});
      await s.type(search, goal.title);
      await until("map node after", () => textOf(s, `main[data-screen="alignment"] ${node}`), (t) => /^100\s?%/.test(t.trim()));
      await s.screenshot("alignment-after-check-in");

      assert.equal(await s.execute("return window.__strideSameDocument ?? null"), "live-views", "the page never reloaded");
    },
    { args: ["--demo"] },
  );
});
