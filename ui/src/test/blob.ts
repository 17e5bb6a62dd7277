import { vi } from "vitest";

/**
 * jsdom has no `URL.createObjectURL` / `revokeObjectURL`: stub both (call in
 * `beforeEach`, after vitest's mock reset). Each SVG gets `blob:stride/<n>`.
 */
export function stubObjectUrls() {
  let next = 0;
  const created: Blob[] = [];
  const createObjectURL = vi.fn((blob: Blob) => {
    created.push(blob);
    next += 1;
    return `blob:stride/${next}`;
  });
  const revokeObjectURL = vi.fn();
  Object.defineProperty(URL, "createObjectURL", { value: createObjectURL, configurable: true, writable: true });
  Object.defineProperty(URL, "revokeObjectURL", { value: revokeObjectURL, configurable: true, writable: true });
  return { createObjectURL, revokeObjectURL, created };
}
