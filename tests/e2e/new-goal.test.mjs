// End-to-end: the SMART assistant on the New goal screen of the real app.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withApp } from "./webdriver.mjs";

const OPS =
  "Reduce average order processing time from 48 hours to 32 hours by Q2 2026 by implementing automated workflow routing and eliminating manual approval bottlenecks.";

async function value(s, testid) {
  return s.execute(`return document.querySelector('[data-testid="${testid}"]').value`);
}

async function waitForValue(s, testid, expected, ms = 15000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await value(s, testid).catch(() => undefined);
    if (last === expected) return;
    if (Date.now() > deadline) throw new Error(`${testid} is ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function criterion(s, name) {
  const el = await s.find(`[data-testid="criterion-${name}"]`);
  return s.attr(el, "data-met");
}

async function waitForCriterion(s, name, met, ms = 15000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await criterion(s, name).catch(() => undefined);
    if (last === met) return;
    if (Date.now() > deadline) throw new Error(`criterion ${name} is ${last}, expected ${met}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("the operations sentence fills the goal; saved, it shows with its statement", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"] [data-testid="goal-row"]', 60000);
      await s.execute('window.location.hash = "#/goals/new"');
      await s.waitFor('main[data-screen="new-goal"]');
      await s.type(await s.find('[data-testid="goal-statement"]'), OPS);

      await waitForValue(s, "goal-baseline-input", "48");
      await waitForValue(s, "goal-target-input", "32");
      await waitForValue(s, "goal-unit-input", "hours");
      await waitForValue(s, "goal-due-input", "2026-06-30");
      // Achievable against the organisation's history: Operations cut the
      // same metric from 72 to 46.8 hours last quarter (the demo's Q4 2025).
      for (const name of ["specific", "measurable", "achievable", "time_bound"]) await waitForCriterion(s, name, "true");
      const hint = await s.text(await s.find('[data-testid="criterion-achievable"]'));
      assert.match(hint, /within what was reached before/, hint);
      assert.equal(await criterion(s, "relevant"), "unknown", "not aligned yet");

      // Aligning it to a company goal makes it relevant.
      await s.type(await s.find('[data-testid="parent-search"]'), "NPS");
      await s.click(await s.waitFor('[data-testid="parent-result"]'));
      await s.waitFor('[data-testid="parent-chip"]');
      await waitForCriterion(s, "relevant", "true");
      for (const name of ["specific", "measurable", "achievable", "time_bound"]) {
        assert.equal(await criterion(s, name), "true", `${name} stays met`);
      }
      await s.screenshot("new-goal-operations");

      await s.click(await s.find('[data-testid="goal-save"]'));
      await s.waitFor('main[data-screen="goal"]', 15000);
      const statement = await s.waitForText('[data-testid="goal-statement"]', (t) => t.includes("48 hours to 32 hours"));
      assert.ok(statement.includes("automated workflow routing"));
      const title = await s.waitForText('[data-testid="goal-title"]', (t) => t.length > 0);

      await s.execute('window.location.hash = "#/"');
      await s.waitFor('main[data-screen="my-week"] [data-testid="goal-row"]');
      // The list refreshes from the change event; wait for the new goal to arrive.
      const deadline = Date.now() + 15000;
      let rows = "";
      while (!rows.includes(title.trim()) && Date.now() < deadline) {
        rows = await s.execute(
          'return [...document.querySelectorAll("[data-testid=goal-row]")].map((r) => r.textContent).join("\\n")',
        );
        if (!rows.includes(title.trim())) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(rows.includes(title.trim()), `My week lists the new goal "${title}"`);
    },
    { args: ["--demo"] },
  );
});

test("a vague sentence is flagged: not measurable, not time-bound, with hints", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"]', 60000);
      await s.execute('window.location.hash = "#/goals/new"');
      await s.waitFor('main[data-screen="new-goal"]');
      await s.type(await s.find('[data-testid="goal-statement"]'), "Improve customer satisfaction.");
      await waitForCriterion(s, "measurable", "false");
      await waitForCriterion(s, "time_bound", "false");
      for (const name of ["measurable", "time_bound"]) {
        const hint = await s.text(await s.find(`[data-testid="criterion-${name}"]`));
        assert.ok(hint.length > 20, `${name} has a hint: ${hint}`);
      }
      await s.screenshot("new-goal-vague");
    },
    { args: ["--demo"] },
  );
});
