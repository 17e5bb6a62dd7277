// End-to-end: a goal aligned to two parents appears under both in the map.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withApp } from "./webdriver.mjs";

const SENTENCE = "Cut average ticket wait time from 40 minutes to 15 minutes by the end of Q4 2026 through smarter routing.";

async function addParent(s, query) {
  const search = await s.find('[data-testid="parent-search"]');
  await s.cmd("POST", `/element/${search}/clear`, {});
  await s.type(search, query);
  const before = (await s.findAll('[data-testid="parent-chip"]')).length;
  await s.click(await s.waitFor('[data-testid="parent-result"]'));
  const deadline = Date.now() + 10000;
  while ((await s.findAll('[data-testid="parent-chip"]')).length === before) {
    if (Date.now() > deadline) throw new Error(`no parent added for ${query}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("a goal with two parents shows under each of them in the alignment map", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"]', 60000);
      await s.execute('window.location.hash = "#/goals/new"');
      await s.waitFor('main[data-screen="new-goal"]');
      await s.type(await s.find('[data-testid="goal-statement"]'), SENTENCE);
      await s.waitForText('[data-testid="smart-score"]', (t) => /\d/.test(t));
      await addParent(s, "NPS");
      await addParent(s, "uptime");
      assert.equal((await s.findAll('[data-testid="parent-chip"]')).length, 2);
      await s.click(await s.find('[data-testid="goal-save"]'));
      const title = (await s.waitForText('main[data-screen="goal"] [data-testid="goal-title"]', (t) => t.length > 0)).trim();

      await s.execute('window.location.hash = "#/alignment"');
      await s.waitFor('[data-testid="alignment-tree"]', 30000);
      await s.type(await s.find('[data-testid="alignment-search"]'), "ticket wait time");
      const deadline = Date.now() + 20000;
      let shown = 0;
      while (shown < 2 && Date.now() < deadline) {
        shown = await s.countWithText('[data-testid="tree-link"]', title);
        if (shown < 2) await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(shown, 2, `"${title}" appears under both parents`);
      await s.screenshot("alignment-two-parents");
    },
    { args: ["--demo"] },
  );
});
