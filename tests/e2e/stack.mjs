// The rest of the real stack for the sync end-to-end test: a private
// Secret Service (its own D-Bus session bus and gnome-keyring, unlocked)
// so the apps keep their tokens in a real OS keychain, and the real
// `stride-server` binary on a SQLite file, stoppable and restartable on
// the same port.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { freePort } from "./webdriver.mjs";

const SERVER = process.env.STRIDE_SERVER;

export const PASSWORD = "e2e-password-123";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A session bus with an unlocked gnome-keyring on it; `env` points apps at it. */
export async function startKeyring() {
  const root = mkdtempSync(join(tmpdir(), "stride-keyring-"));
  const runtime = join(root, "runtime");
  spawnSync("mkdir", ["-m", "700", "-p", runtime]);
  const bus = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], { stdio: ["ignore", "pipe", "inherit"] });
  const address = await new Promise((resolve, reject) => {
    let out = "";
    bus.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(out.trim());
    });
    bus.once("exit", (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
  const env = {
    DBUS_SESSION_BUS_ADDRESS: address,
    XDG_RUNTIME_DIR: runtime,
    STRIDE_KEYCHAIN_SERVICE: "stride-e2e",
  };
  const keyringData = join(root, "data");
  const keyring = spawn("gnome-keyring-daemon", ["--unlock", "--components=secrets", "--foreground"], {
    env: { ...process.env, ...env, XDG_DATA_HOME: keyringData },
    stdio: ["pipe", "ignore", "inherit"],
  });
  keyring.stdin.end("stride\n");
  // Wait until the Secret Service answers on the bus.
  for (let i = 0; ; i++) {
    const r = spawnSync(
      "dbus-send",
      ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"],
      { env: { ...process.env, ...env }, encoding: "utf8" },
    );
    if (r.stdout?.includes("boolean true")) break;
    if (i > 100) throw new Error(`the Secret Service did not start: ${r.stderr}`);
    await sleep(100);
  }
  /** The secrets stored under our service name, as `secret-tool` sees them. */
  const stored = () => {
    const r = spawnSync("secret-tool", ["search", "--all", "service", "stride-e2e"], {
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    return `${r.stdout ?? ""}${r.stderr ?? ""}`;
  };
  return {
    env,
    stored,
    stop() {
      keyring.kill("SIGTERM");
      bus.kill("SIGTERM");
    },
  };
}

/** The real server binary on a SQLite file in a temp dir. */
export async function startServer() {
  if (!SERVER) throw new Error("STRIDE_SERVER must name the stride-server binary (cargo xtask test e2e sets it)");
  const root = mkdtempSync(join(tmpdir(), "stride-server-"));
  const db = join(root, "server.db");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const admin = (...args) => {
    const r = spawnSync(SERVER, ["--database", db, "admin", ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`stride-server admin ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };
  let child = null;
  const server = {
    url,
    admin,
    async start() {
      child = spawn(SERVER, ["--database", db, "--listen", `127.0.0.1:${port}`], { stdio: ["ignore", "ignore", "inherit"] });
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(`${url}/healthz`)).ok) return;
        } catch {
          /* not up yet */
        }
        if (child.exitCode !== null) throw new Error(`stride-server exited with ${child.exitCode}`);
        if (i > 300) throw new Error("stride-server did not answer /healthz");
        await sleep(100);
      }
    },
    async stop() {
      if (!child) return;
      const c = child;
      child = null;
      c.kill("SIGTERM");
      if (c.exitCode === null) await new Promise((r) => c.once("exit", r));
    },
  };
  return server;
}
