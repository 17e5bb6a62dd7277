import { afterEach, describe, expect, it, vi } from "vitest";

const tauriInvoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => tauriInvoke(...args) as unknown }));

const { invoke, ipcTimings, clearIpcTimings, IPC_TIMINGS_KEPT } = await import("./invoke");

afterEach(() => {
  clearIpcTimings();
  tauriInvoke.mockReset();
});

describe("timed invoke", () => {
  it("passes the call through and records its name, duration and outcome", async () => {
    tauriInvoke.mockResolvedValueOnce({ ok: 1 });
    await expect(invoke("goal_detail", { id: "g1" })).resolves.toEqual({ ok: 1 });
    expect(tauriInvoke).toHaveBeenCalledWith("goal_detail", { id: "g1" });
    tauriInvoke.mockRejectedValueOnce({ code: "not_found", message: "no", field: null });
    await expect(invoke("goal_detail", { id: "zz" })).rejects.toEqual({ code: "not_found", message: "no", field: null });
    const t = ipcTimings();
    expect(t.map((x) => [x.command, x.ok])).toEqual([
      ["goal_detail", true],
      ["goal_detail", false],
    ]);
    expect(t.every((x) => x.ms >= 0 && Number.isFinite(x.ms))).toBe(true);
    expect(window.__strideIpc?.timings()).toHaveLength(2);
  });

  it("keeps only the latest calls", async () => {
    tauriInvoke.mockResolvedValue(null);
    for (let i = 0; i < IPC_TIMINGS_KEPT + 3; i++) await invoke(`c${i}`);
    const t = ipcTimings();
    expect(t).toHaveLength(IPC_TIMINGS_KEPT);
    expect(t[0]?.command).toBe("c3");
    window.__strideIpc?.clear();
    expect(ipcTimings()).toHaveLength(0);
  });
});
