// End-to-end: accountability in the real app on the demo organisation — the
// sales seed's weekly calls checkpoint flags the weeks below 20 a day, and a
// goal's chart draws the forecast band.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withApp } from "./webdriver.mjs";
import { findSeedGoal } from "./tools/tour.mjs";

test("the calls goal's weekly checkpoint flags exactly the weeks below 20 calls a day", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"] [data-testid="goal-row"]', 60000);
      const id = await findSeedGoal(s, "20 outbound calls per day", { exact: true });
      await s.execute(`window.location.hash = "#/goals/${id}"`);
      await s.waitFor('main[data-screen="goal"] [data-testid="activity-weeks"]', 30000);
      const weeks = await s.execute(
        `return [...document.querySelectorAll('[data-testid="activity-week"]')].map((r) => ({ monday: r.dataset.monday, below: r.dataset.below === "true", value: Number(r.dataset.value), text: r.textContent }));`,
      );
      assert.ok(weeks.length >= 8, `a quarter of weeks is judged: ${JSON.stringify(weeks)}`);
      const below = weeks.filter((w) => w.below);
      assert.ok(below.length > 0, "the demo's calls dip below 20 a day in some weeks");
      assert.ok(below.length < weeks.length, "and not in every week");
      for (const w of weeks) {
        if (w.below) {
          assert.ok(w.value < 20, `flagged week ${w.monday} averages ${w.value}`);
          assert.match(w.text, /Below target/);
        } else {
          assert.ok(w.value >= 20, `unflagged week ${w.monday} averages ${w.value}`);
        }
      }
      const summary = await s.waitForText('[data-testid="activity-weeks-summary"]', (t) => t.length > 0);
      assert.equal(summary.trim(), `${below.length} of ${weeks.length} weeks below target.`);
      await s.screenshot("calls-weekly-checkpoint");
    },
    { args: ["--demo"] },
  );
});

test("an active goal's chart draws the forecast band with its range", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"] [data-testid="goal-row"]', 60000);
      const id = await findSeedGoal(s, "Engagement 67 % → 75 %");
      await s.execute(`window.location.hash = "#/goals/${id}"`);
      const chart = await s.waitFor('main[data-screen="goal"] img[data-testid="goal-chart"][src^="blob:"]', 30000);
      const alt = await s.attr(chart, "alt");
      // The alt text is the chart's own description of what it drew.
      assert.match(alt, /Drawn: Check-ins, Expected pace, Target, Baseline, Forecast and range/, alt);
      assert.match(alt, /Forecast [\d.]+ % by 2026-12-31 \(range [\d.]+–[\d.]+ %\)/, alt);
      const forecast = await s.waitForText('[data-testid="goal-forecast"]', (t) => t.length > 0);
      assert.match(forecast, /by/);
      await s.screenshot("goal-forecast-band");
    },
    { args: ["--demo"] },
  );
});

test("the manager's weekly digest opens from the Inbox with the week's news", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"] [data-testid="goal-row"]', 60000);
      await s.execute('window.location.hash = "#/inbox"');
      await s.click(await s.waitFor('[data-testid="inbox-tab-digest"]'));
      const title = await s.waitForText('[data-testid="digest-title"]', (t) => t.startsWith("Week of"), 30000);
      assert.match(title, /Week of/);
      const summary = await s.waitForText('[data-testid="digest-summary"]', (t) => t.length > 0);
      assert.match(summary, /check-ins? this week/);
      // The demo's sales team has goals off track or at risk, and links to them.
      const goals = await s.findAll('[data-testid="digest-goal"]');
      assert.ok(goals.length > 0, "the digest lists team goals that need attention");
      const link = await s.execute(
        "return document.querySelector('[data-testid=\"digest-goal\"] a')?.getAttribute('href') ?? null",
      );
      assert.match(link ?? "", /^#\/goals\/[0-9a-f-]{36}$/);
      assert.equal(await s.execute("return window.location.hash"), "#/inbox?tab=digest");
      await s.screenshot("weekly-digest");
    },
    { args: ["--demo"] },
  );
});
