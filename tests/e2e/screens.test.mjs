// End-to-end on the demo organisation: the goal's chart, the alignment map
// and its problems, team and analytics — in the real app.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withApp } from "./webdriver.mjs";

/**
 * Waits until the chart image behind `css` has loaded from its blob: URL
 * and drawn (the strict CSP keeps page scripts from fetching blob: URLs, so
 * the SVG's content is checked by the Rust tests of the same command).
 */
async function waitForChart(s, css, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const state = await s
      .execute(
        "const i = document.querySelector(arguments[0]); return i ? [i.src.slice(0, 5), i.complete, i.naturalWidth, i.alt] : null",
        [css],
      )
      .catch(() => null);
    if (state && state[0] === "blob:" && state[1] && state[2] > 0) return state[3];
    if (Date.now() > deadline) throw new Error(`the chart ${css} did not load: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test("the operations seed goal's chart shows its pace line and the six-week review", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"]', 60000);
      await s.execute('window.location.hash = "#/alignment"');
      await s.waitFor('[data-testid="alignment-tree"]', 30000);
      await s.type(await s.find('[data-testid="alignment-search"]'), "Order processing 48 h");
      // The search keeps the matches and the goals above them: pick the match.
      await s.clickWithText('[data-testid="tree-link"]', "Order processing 48 h");
      await s.waitFor('main[data-screen="goal"]');
      await s.waitForText('[data-testid="goal-title"]', (t) => t.includes("Order processing"));
      const alt = await waitForChart(s, '[data-testid="goal-chart"]');
      assert.match(alt, /Order processing/);
      // The alt text is the chart's own description: the pace line and the
      // six-week review are drawn, with the review's expected value.
      assert.match(alt, /Drawn: Check-ins, Expected pace, Target, Baseline/, alt);
      assert.match(alt, /Checkpoints: six-week review 42 hours by 2026-05-13/, alt);
      assert.match(alt, /target 32 hours by 2026-06-30; baseline 48 hours on 2026-04-01/, alt);
      const reason = await s.waitForText('[data-testid="goal-reason"]', (t) => t.length > 10);
      assert.match(reason, /32/);
      await s.screenshot("goal-operations-chart");
    },
    { args: ["--demo"] },
  );
});

test("the alignment problems panel lists an orphan goal, and team and analytics have data", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"]', 60000);
      await s.execute('window.location.hash = "#/alignment"');
      await s.waitFor('[data-testid="alignment-problems"]', 30000);
      const orphan = await s.waitForText('[data-testid="orphan"]', (t) => t.length > 0);
      assert.ok(orphan.length > 3, `an orphan is named: ${orphan}`);
      await s.screenshot("alignment-map");

      await s.execute('window.location.hash = "#/team"');
      await s.waitFor('[data-testid="team-row"]', 30000);
      await s.screenshot("team");

      await s.execute('window.location.hash = "#/analytics"');
      await waitForChart(s, '[data-testid="chart-status"]');
      await waitForChart(s, '[data-testid="chart-pace"]');
      await s.screenshot("analytics");
    },
    { args: ["--demo"] },
  );
});

test("the demo's inbox shows alerts with reasons; dismiss can be undone", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"]', 60000);
      await s.execute('window.location.hash = "#/inbox"');
      const item = await s.waitFor('[data-testid="inbox-item"]', 30000);
      const reason = await s.waitForText('[data-testid="inbox-reason"]', (t) => t.length > 10);
      assert.ok(reason.length > 10, `an alert says why: ${reason}`);
      const count = await s.waitForText('[data-testid="inbox-count"]', (t) => /\d/.test(t));
      assert.match(count, /\d/);
      const id = await s.attr(item, "data-alert-id");
      await s.click(await s.find(`[data-alert-id="${id}"] [data-testid="inbox-dismiss"]`));
      await s.click(await s.waitFor('[data-testid="inbox-undo"]'));
      await s.waitFor(`[data-testid="inbox-item"][data-alert-id="${id}"]`);
      await s.screenshot("inbox");
    },
    { args: ["--demo"] },
  );
});
