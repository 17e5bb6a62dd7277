import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { call, insideTauri, isIpcError, subscribeToChanges, toIpcError } from "./index";

describe("toIpcError", () => {
  it("passes an IpcError through", () => {
    const e = { code: "not_found", message: "no goal 7", field: "id" };
    expect(toIpcError(e)).toBe(e);
    expect(isIpcError(e)).toBe(true);
  });

  it("wraps anything else as internal", () => {
    expect(toIpcError("boom")).toEqual({ code: "internal", message: "boom", field: null });
    expect(toIpcError(new Error("bad"))).toEqual({ code: "internal", message: "Error: bad", field: null });
    expect(toIpcError({ code: "weird", message: "x", field: null })).toEqual({
      code: "internal",
      message: "[object Object]",
      field: null,
    });
    expect(toIpcError(undefined)).toEqual({ code: "internal", message: "undefined", field: null });
  });
});

describe("call", () => {
  it("resolves values", async () => {
    await expect(call(() => Promise.resolve(42))).resolves.toBe(42);
  });

  it("rejects with a typed IpcError", async () => {
    await expect(call(() => Promise.reject(new Error("nope")))).rejects.toEqual({
      code: "internal",
      message: "Error: nope",
      field: null,
    });
  });
});

describe("subscribeToChanges", () => {
  it("is a harmless no-op outside Tauri", () => {
    expect(insideTauri()).toBe(false);
    const client = new QueryClient();
    const spy = vi.spyOn(client, "invalidateQueries");
    const unsubscribe = subscribeToChanges(client);
    expect(() => {
      unsubscribe();
    }).not.toThrow();
    expect(spy).not.toHaveBeenCalled();
  });
});
