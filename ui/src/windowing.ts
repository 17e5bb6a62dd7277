import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from "react";

/** Rows rendered beyond each edge of the viewport, so a fast scroll does not show blank space. */
export const DEFAULT_OVERSCAN = 10;

/**
 * The rendered window moves in whole chunks of this many rows. Any change to
 * the rows under the viewport makes the web view repaint all of it, while a
 * scroll over rows already in place only moves pixels: measured in the real
 * WebKitGTK view, a repaint frame took ~90 ms against ~20 ms for a plain
 * scroll frame. Moving the window every row repainted on every frame (median
 * frame ~90 ms while scrolling the 10,000-person demo's goals); moving it by
 * chunks repaints about once every six frames of a fast scroll (median ~25 ms).
 */
export const CHUNK = 12;

/** Visible rows `[first, last)` of the list and how many rows fit in the viewport. */
interface Span {
  first: number;
  last: number;
  page: number;
}

export interface RowWindow<E extends HTMLElement> {
  /** Put on the element whose top is the top of row 0 (a `<tbody>` whose first child is the top spacer). */
  ref: RefObject<E | null>;
  /** First rendered row (inclusive). */
  start: number;
  /** Past the last rendered row (exclusive). */
  end: number;
  /** Heights (px) of the spacers standing in for the rows before `start` and after `end`. */
  before: number;
  after: number;
  /** Rows that fit in the viewport: the step of Page Up / Page Down. */
  pageSize: number;
  /** Make the window include row `index` (keyboard focus moving off screen); the caller then scrolls it into view. */
  reveal: (index: number) => void;
}

function viewportHeight(): number {
  return window.innerHeight || document.documentElement.clientHeight || 800;
}

/**
 * The rows of a list whose top is at `top` (viewport coordinates) that the
 * viewport shows. Whichever element scrolls (the screen's `<main>`, the
 * document), the viewport bounds what can be seen, so nothing has to know it.
 */
export function visibleSpan(top: number, viewport: number, rowHeight: number): Span {
  const from = Math.max(0, -top);
  const to = Math.max(from, viewport - top);
  return {
    first: Math.floor(from / rowHeight),
    last: Math.ceil(to / rowHeight),
    page: Math.max(1, Math.floor(viewport / rowHeight)),
  };
}

/**
 * Windowing for a long list of fixed-height rows: only the rows near the
 * viewport are rendered; spacers of `before` / `after` pixels keep the list's
 * full height (and so the scroll bar) honest. Listens to every scroll (capture
 * phase: scroll events do not bubble) and to resizes, and re-renders only when
 * the visible rows change.
 */
export function useRowWindow<E extends HTMLElement>(
  count: number,
  rowHeight: number,
  overscan: number = DEFAULT_OVERSCAN,
): RowWindow<E> {
  const ref = useRef<E>(null);
  const [span, setSpan] = useState<Span>(() => visibleSpan(0, viewportHeight(), rowHeight));

  const measure = useCallback(() => {
    const el = ref.current;
    if (el === null) return;
    const next = visibleSpan(el.getBoundingClientRect().top, viewportHeight(), rowHeight);
    setSpan((s) => (s.first === next.first && s.last === next.last && s.page === next.page ? s : next));
  }, [rowHeight]);

  useLayoutEffect(() => {
    measure();
    const options = { capture: true, passive: true } as const;
    document.addEventListener("scroll", measure, options);
    window.addEventListener("resize", measure);
    return () => {
      document.removeEventListener("scroll", measure, options);
      window.removeEventListener("resize", measure);
    };
  }, [measure]);

  // A list that grows or shrinks may move what the viewport shows (the
  // browser clamps the scroll position) without a scroll event.
  useLayoutEffect(() => {
    measure();
  }, [count, measure]);

  const reveal = useCallback((index: number) => {
    setSpan((s) => {
      if (index >= s.first && index < s.last) return s;
      const size = Math.max(1, s.last - s.first);
      return index < s.first
        ? { ...s, first: index, last: index + size }
        : { ...s, first: Math.max(0, index - size + 1), last: index + 1 };
    });
  }, []);

  const end = Math.min(count, Math.ceil((span.last + overscan) / CHUNK) * CHUNK);
  // Scrolled past a list that has since shrunk: show its last rows until the next measure.
  const start = Math.max(
    0,
    Math.min(Math.floor((span.first - overscan) / CHUNK) * CHUNK, end - span.page - overscan),
  );
  return {
    ref,
    start,
    end,
    before: start * rowHeight,
    after: Math.max(0, count - end) * rowHeight,
    pageSize: span.page,
    reveal,
  };
}
