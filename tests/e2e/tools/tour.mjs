// A walk through every screen of the app on the demo organisation, waiting
// at each for its real content (not a loading state). Shared by
// `cargo xtask screenshots` (docs/screenshots) and `cargo xtask perf`
// (IPC latency measured from the UI).

const OPS_STATEMENT =
  "Reduce average order processing time from 48 hours to 32 hours by Q2 2026 by implementing automated workflow routing and eliminating manual approval bottlenecks.";

async function go(s, path) {
  await s.execute(`window.location.hash = ${JSON.stringify(`#${path}`)}`);
}

/**
 * Waits until one of `css` (a selector or a list) matches inside the screen
 * and no loading indicator is left on it.
 */
async function ready(s, screen, css, ms = 60000) {
  const any = (Array.isArray(css) ? css : [css]).map((c) => `main[data-screen="${screen}"] ${c}`.trim()).join(", ");
  await s.waitFor(any, ms);
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const loading = await s.execute(
      `return document.querySelectorAll('main [role="status"][data-testid$="loading"], main .facts--loading').length`,
    );
    if (loading === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${screen}: still loading after ${ms} ms`);
}

/**
 * A goal's id, found through the alignment map's search: the first node
 * whose title starts with `title` (or equals it, with `exact`). The default
 * is the operations seed goal.
 */
export async function findSeedGoal(s, title = "Order processing 48 h", { exact = false } = {}) {
  await go(s, "/alignment");
  await ready(s, "alignment", '[data-testid="tree-node"]');
  const search = await s.find('[data-testid="alignment-search"]');
  await s.cmd("POST", `/element/${search}/clear`, {});
  await s.type(search, title);
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const id = await s.execute(
      `const want = ${JSON.stringify(title)};
       const n = [...document.querySelectorAll('[data-testid="tree-node"]')].find((e) => {
         const t = (e.querySelector('[data-testid="tree-link"]')?.textContent ?? "").trim();
         return ${exact ? "true" : "false"} ? t === want : t.startsWith(want);
       });
       return n ? n.dataset.goalId : null;`,
    );
    if (id) return id;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the alignment map does not find "${title}"`);
}

/**
 * Every screen, in the order of the navigation: `[name, open]` where `open`
 * navigates and waits until the screen shows its data.
 */
export function screens(seedGoal, { strict = true } = {}) {
  return [
    ["my-week", async (s) => { await go(s, "/"); await ready(s, "my-week", '[data-testid="goal-row"]'); }],
    ["inbox", async (s) => { await go(s, "/inbox"); await ready(s, "inbox", ['[data-testid="inbox-item"]', '[data-testid="empty-state"]']); }],
    ["goals", async (s) => { await go(s, "/goals"); await ready(s, "goals", '[data-testid="goal-row"]'); }],
    ["goal", async (s) => {
      await go(s, `/goals/${seedGoal}`);
      await ready(s, "goal", '[data-testid="goal-title"]');
      await s.waitFor('main[data-screen="goal"] img[src^="blob:"]', 60000);
    }],
    ["alignment", async (s) => { await go(s, "/alignment"); await ready(s, "alignment", '[data-testid="alignment-problems"] [data-testid="alignment-problem-count"]'); }],
    ["kpis", async (s) => { await go(s, "/kpis"); await ready(s, "kpis", "h1"); }],
    ["team", async (s) => { await go(s, "/team"); await ready(s, "team", ['[data-testid="team-row"]', '[data-testid="empty-state"]']); }],
    ["reviews", async (s) => { await go(s, "/reviews"); await ready(s, "reviews", "h1"); }],
    ["skills", async (s) => { await go(s, "/skills"); await ready(s, "skills", "h1"); }],
    ["analytics", async (s) => {
      await go(s, "/analytics");
      await ready(s, "analytics", '[data-testid="tile-done-value"]');
      await s.waitFor('main[data-screen="analytics"] img[src^="blob:"]', 60000);
    }],
    ["new-goal", async (s) => {
      await go(s, "/goals/new");
      await ready(s, "new-goal", '[data-testid="goal-statement"]');
      const box = await s.find('[data-testid="goal-statement"]');
      const current = await s.execute('return document.querySelector(\'[data-testid="goal-statement"]\').value');
      if (current !== OPS_STATEMENT) {
        await s.cmd("POST", `/element/${box}/clear`, {});
        await s.type(box, OPS_STATEMENT);
      }
      // Strict (screenshots): judged against history — met on the demo. The
      // perf run only needs the verdict on screen.
      await s.waitFor(
        strict ? '[data-testid="criterion-achievable"][data-met="true"]' : '[data-testid="criterion-achievable"]',
        60000,
      );
    }],
    ["settings", async (s) => { await go(s, "/settings"); await ready(s, "settings", '[data-testid="schema-version"]'); }],
  ];
}

/** Sets the theme the way Settings does (the choice is kept in localStorage). */
export async function setTheme(s, theme) {
  await s.execute(
    `localStorage.setItem("stride.theme", ${JSON.stringify(theme)});
     if (${JSON.stringify(theme)} === "system") document.documentElement.removeAttribute("data-theme");
     else document.documentElement.setAttribute("data-theme", ${JSON.stringify(theme)});`,
  );
}
