// End-to-end: revise a target with a reason; the history keeps both values.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withApp } from "./webdriver.mjs";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

test("revising a target asks for a reason and the history shows both values", async () => {
  await withApp(
    async (s) => {
      await s.waitFor('main[data-screen="my-week"]', 60000);
      // The operations seed goal (48 h → 32 h), found through the alignment map.
      await s.execute('window.location.hash = "#/alignment"');
      await s.waitFor('[data-testid="alignment-tree"]', 30000);
      await s.type(await s.find('[data-testid="alignment-search"]'), "Order processing 48 h");
      // The search opens the way down to the match: click it.
      await s.clickWithText('[data-testid="tree-link"]', "Order processing 48 h");
      await s.click(await s.waitFor('main[data-screen="goal"] [data-testid="revise-button"]', 20000));
      await s.waitFor('[data-testid="revise-field"]');
      await s.execute(
        `const sel = document.querySelector('[data-testid="revise-field"]');
         const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set;
         setter.call(sel, "target"); sel.dispatchEvent(new Event("change", { bubbles: true }));`,
      );
      const value = await s.find('[data-testid="revise-value"]');
      assert.equal(await s.execute("return arguments[0].value", [{ [ELEMENT]: value }]), "32");
      await s.cmd("POST", `/element/${value}/clear`, {});
      await s.type(value, "30");
      // Without a reason nothing is saved.
      await s.click(await s.find('[data-testid="revise-save"]'));
      await s.waitForText('[data-testid="field-error-revise-reason"]', (t) => t.length > 0);
      await s.type(await s.find('[data-testid="revise-reason"]'), "market shift");
      await s.click(await s.find('[data-testid="revise-save"]'));
      const history = await s.waitForText('[data-testid="goal-revisions"]', (t) => t.includes("market shift"));
      assert.match(history, /target changed from 32 to 30/, history);
      await s.screenshot("goal-revised");
    },
    { args: ["--demo"] },
  );
});
