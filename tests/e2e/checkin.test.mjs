// End-to-end: a check-in on the demo organisation, in the real app.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withApp } from "./webdriver.mjs";

test("check in on one of my goals from My week; the new value shows everywhere", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"]');
      await s.waitFor('[data-testid="goal-row"]', 30000);
      // Pick a measurable goal (done/not-done goals have a checkbox instead of a value).
      let goalId;
      let value;
      for (const row of await s.findAll('[data-testid="goal-row"]')) {
        const id = await s.attr(row, "data-goal-id");
        await s.click(await s.find(`[data-goal-id="${id}"] [data-testid="check-in-button"]`));
        await s.waitFor('[data-testid="check-in-dialog"]');
        const inputs = await s.findAll('[data-testid="check-in-value"]');
        if (inputs.length > 0) {
          goalId = id;
          value = inputs[0];
          break;
        }
        await s.click(await s.find('[data-testid="check-in-cancel"]'));
      }
      assert.match(goalId ?? "", /^[0-9a-f-]{36}$/, "My week lists a measurable goal");
      // A confidence of 11 is refused next to the field, and the dialog stays open.
      const confidence = await s.find('[data-testid="check-in-confidence"]');
      await s.cmd("POST", `/element/${confidence}/clear`, {});
      await s.type(confidence, "11");
      await s.cmd("POST", `/element/${value}/clear`, {});
      await s.type(value, "1234");
      await s.click(await s.find('[data-testid="check-in-save"]'));
      const error = await s.waitForText('[data-testid="field-error-confidence"]', (t) => t.length > 0);
      assert.match(error, /0.*10/);

      await s.cmd("POST", `/element/${confidence}/clear`, {});
      await s.type(confidence, "8");
      await s.type(await s.find('[data-testid="check-in-note"]'), "Checked in from the end-to-end test");
      await s.click(await s.find('[data-testid="check-in-save"]'));
      await s.waitForText('[data-testid="toast"]', (t) => /saved/i.test(t));

      // The goal's page shows the new value and the note, read back from SQLite.
      await s.execute(`window.location.hash = "#/goals/${goalId}"`);
      await s.waitFor('main[data-screen="goal"]');
      await s.waitForText('[data-testid="check-in-history"]', (t) => t.includes("Checked in from the end-to-end test"));
      const current = await s.waitForText('[data-testid="goal-current"]', (t) => /1[,.\s ]?234/.test(t));
      assert.ok(current.length > 0);
      await s.screenshot("goal-after-check-in");
    },
    { args: ["--demo"] },
  );
});
