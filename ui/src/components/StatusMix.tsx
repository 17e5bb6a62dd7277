import { formatNumber } from "../format";
import type { StatusCounts } from "../ipc";

const PARTS: readonly { key: keyof StatusCounts; label: string; css: string }[] = [
  { key: "onTrack", label: "on track", css: "on_track" },
  { key: "atRisk", label: "at risk", css: "at_risk" },
  { key: "offTrack", label: "off track", css: "off_track" },
  { key: "done", label: "done", css: "done" },
  { key: "missed", label: "missed", css: "missed" },
];

export function totalCount(c: StatusCounts): number {
  return c.onTrack + c.atRisk + c.offTrack + c.done + c.missed;
}

/** "3 on track, 1 off track" (zero parts left out); "no tracked goals" when all are zero. */
export function statusMixText(c: StatusCounts): string {
  const parts = PARTS.filter((p) => c[p.key] > 0).map((p) => `${formatNumber(c[p.key])} ${p.label}`);
  return parts.length === 0 ? "no tracked goals" : parts.join(", ");
}

/** A small stacked bar of the status counts, with the same counts in words (SVG attributes: no inline style). */
export function StatusMix({ counts, testId = "status-mix" }: { counts: StatusCounts; testId?: string }) {
  const total = totalCount(counts);
  let x = 0;
  const text = statusMixText(counts);
  return (
    <span className="status-mix" data-testid={testId}>
      <svg className="status-mix__bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect className="status-mix__track" x="0" y="0" width="100" height="8" />
        {total > 0 &&
          PARTS.map((p) => {
            const width = (counts[p.key] / total) * 100;
            const rect =
              width > 0 ? <rect key={p.key} className={`status-mix__part status-mix__part--${p.css}`} x={x} y="0" width={width} height="8" /> : null;
            x += width;
            return rect;
          })}
      </svg>
      <span className="status-mix__text">{text}</span>
    </span>
  );
}
