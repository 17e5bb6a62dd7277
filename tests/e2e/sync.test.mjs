// End-to-end: two real app instances (a manager and her report, each with
// its own data folder) against the real stride-server, tokens in a real
// Secret Service. The report checks in while the server is down; when it is
// back, the manager's open window shows the check-in. Both then change the
// same target while the server is down; both see the conflict, and the
// report keeps her value. Signing out removes the keychain entry.
import { test } from "node:test";
import assert from "node:assert/strict";

import { PASSWORD, startKeyring, startServer } from "./stack.mjs";
import { withApp } from "./webdriver.mjs";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const STATEMENT = "Grow closed enterprise deals from 3 to 12 by 2026-12-31 so that Sales reaches its yearly plan.";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, read, ok, ms = 60000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (e) {
      last = String(e);
    }
    if (Date.now() > deadline) throw new Error(`${what}: never happened; last ${JSON.stringify(last)}`);
    await sleep(250);
  }
}

const textOf = (s, css) => s.execute(`const e = document.querySelector(${JSON.stringify(css)}); return e ? e.textContent : null;`);
const phase = (s) => s.execute('const e = document.querySelector("[data-testid=\\"sync-indicator\\"]"); return e ? e.getAttribute("data-phase") : null;');

async function signIn(s, server, email) {
  await s.waitFor("#server-url", 30000);
  const url = await s.find("#server-url");
  await s.cmd("POST", `/element/${url}/clear`, {});
  await s.type(url, server.url);
  const mail = await s.find("#sync-email");
  await s.cmd("POST", `/element/${mail}/clear`, {});
  await s.type(mail, email);
  await s.type(await s.find("#sync-password"), PASSWORD);
  await s.click(await s.find('[data-testid="sign-in-submit"]'));
}

async function connectFromWelcome(s, server, email) {
  await s.waitFor('main[data-screen="welcome"]', 60000);
  await s.click(await s.waitFor('[data-testid="connect-choice"]'));
  await signIn(s, server, email);
  await s.waitFor('main[data-screen="my-week"]', 60000);
  await until("synced", () => phase(s), (p) => p === "idle");
}

async function revise(s, goalId, target, reason) {
  await s.execute(`window.location.hash = "#/goals/${goalId}"`);
  await s.click(await s.waitFor('main[data-screen="goal"] [data-testid="revise-button"]', 30000));
  await s.waitFor('[data-testid="revise-field"]');
  await s.execute(
    `const sel = document.querySelector('[data-testid="revise-field"]');
     const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set;
     setter.call(sel, "target"); sel.dispatchEvent(new Event("change", { bubbles: true }));`,
  );
  const value = await s.find('[data-testid="revise-value"]');
  await s.cmd("POST", `/element/${value}/clear`, {});
  await s.type(value, String(target));
  await s.type(await s.find('[data-testid="revise-reason"]'), reason);
  await s.click(await s.find('[data-testid="revise-save"]'));
  await s.waitForText('[data-testid="goal-revisions"]', (t) => t.includes(reason), 20000);
}

test("a check-in made while the server is down reaches the manager; a target changed by both offline shows a conflict on both", async () => {
  const keyring = await startKeyring();
  const server = await startServer();
  try {
    server.admin("create-user", "--name", "Maria Lopez", "--email", "maria@example.com", "--role", "manager", "--unit", "Sales", "--password", PASSWORD);
    server.admin("create-user", "--name", "Rita Report", "--email", "rita@example.com", "--unit", "Sales", "--manager", "maria@example.com", "--password", PASSWORD);
    await server.start();
    const env = { ...keyring.env, STRIDE_SYNC_INTERVAL_SECS: "2" };

    await withApp(
      async (rita) => {
        await connectFromWelcome(rita, server, "rita@example.com");
        assert.match(keyring.stored(), /stride-e2e/, "the token is in the Secret Service");
        // Rita writes a goal; it syncs.
        await rita.execute('window.location.hash = "#/goals/new"');
        await rita.type(await rita.waitFor('[data-testid="goal-statement"]'), STATEMENT);
        await rita.waitForText('[data-testid="smart-score"]', (t) => /\d/.test(t));
        await rita.click(await rita.find('[data-testid="goal-save"]'));
        await rita.waitForText('main[data-screen="goal"] [data-testid="goal-title"]', (t) => t.length > 0);
        const goalId = (await rita.execute("return window.location.hash")).match(/[0-9a-f-]{36}/)[0];
        await until("the goal is sent", () => textOf(rita, '[data-testid="sync-indicator"]'), (t) => t && !/waiting/i.test(t) && /synced/i.test(t));

        await withApp(
          async (maria) => {
            await connectFromWelcome(maria, server, "maria@example.com");
            await maria.execute(`window.location.hash = "#/goals/${goalId}"`);
            await maria.waitForText('main[data-screen="goal"] [data-testid="goal-title"]', (t) => t.length > 0, 30000);

            // The server goes down; Rita checks in on the plane.
            await server.stop();
            await rita.execute('window.location.hash = "#/"');
            await rita.waitFor('main[data-screen="my-week"]');
            await rita.click(await rita.waitFor(`[data-goal-id="${goalId}"] [data-testid="check-in-button"]`, 30000));
            const value = await rita.waitFor('[data-testid="check-in-value"]');
            await rita.cmd("POST", `/element/${value}/clear`, {});
            await rita.type(value, "7");
            await rita.type(await rita.find('[data-testid="check-in-note"]'), "Signed on the plane");
            await rita.click(await rita.find('[data-testid="check-in-save"]'));
            await rita.waitForText('[data-testid="toast"]', (t) => /saved/i.test(t));
            await until("Rita sees she is offline with a change waiting", () => textOf(rita, '[data-testid="sync-indicator"]'), (t) => t && /offline/i.test(t) && /1 waiting/i.test(t));
            assert.equal(await phase(rita), "offline");
            await rita.screenshot("sync-offline-waiting");

            // Back online: Rita's change goes out, Maria's window shows it.
            await server.start();
            await until("Rita is synced", () => phase(rita), (p) => p === "idle");
            await until("Maria's open goal page shows the check-in", () => textOf(maria, '[data-testid="check-in-history"]'), (t) => t && t.includes("Signed on the plane"));
            await until("Maria sees the value", () => textOf(maria, '[data-testid="goal-current"]'), (t) => t && /\b7\b/.test(t));
            await maria.screenshot("sync-manager-sees-check-in");

            // Both change the target while the server is down: Rita first, Maria later.
            await server.stop();
            await revise(rita, goalId, 70, "Rita offline");
            await sleep(1100);
            await revise(maria, goalId, 80, "Maria offline");
            await server.start();
            for (const [who, s] of [["Rita", rita], ["Maria", maria]]) {
              await until(`${who} sees the conflict`, () => textOf(s, '[data-testid="sync-indicator"]'), (t) => t && /1 conflict/i.test(t), 60000);
            }
            // Rita reads the story in Settings → Sync and keeps her value.
            await rita.execute('window.location.hash = "#/settings?section=sync"');
            const story = await rita.waitForText('[data-testid="sync-conflict"]', (t) => /superseded/.test(t), 30000);
            assert.match(story, /Your target 70 \(edited [^)]+\) was superseded by Maria Lopez's 80/, story);
            await rita.screenshot("sync-conflict-rita");
            await maria.execute('window.location.hash = "#/settings?section=sync"');
            const kept = await maria.waitForText('[data-testid="sync-conflict"]', (t) => /target/.test(t), 30000);
            assert.match(kept, /Your target 80 \([^)]+\) was kept/, kept);
            await rita.click(await rita.find('[data-testid="sync-conflict"] [data-testid="keep-mine"]'));
            await until("Rita's conflict is closed", () => rita.findAll('[data-testid="sync-conflict"]'), (v) => v.length === 0, 20000);
            await maria.execute(`window.location.hash = "#/goals/${goalId}"`);
            await until("Maria's goal page shows Rita's kept target", () => textOf(maria, '[data-testid="goal-revisions"]'), (t) => t && /Kept my value after a sync conflict/.test(t), 60000);

            // Signing out removes the keychain entry.
            await rita.execute('window.location.hash = "#/settings?section=sync"');
            await rita.click(await rita.waitFor('[data-testid="sync-sign-out"]'));
            await rita.click(await rita.waitFor('[data-testid="sync-sign-out-confirm"]'));
            await until("Rita is signed out", () => phase(rita), (p) => p === "signed_out");
            assert.doesNotMatch(keyring.stored().replace(/maria@example\.com[^\n]*/g, ""), /rita@example\.com/, "Rita's token left the keychain");
          },
          { env },
        );
      },
      { env },
    );
  } finally {
    await server.stop();
    keyring.stop();
  }
});
