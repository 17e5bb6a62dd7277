// Weekly digest helpers: a revision's stored values in words, and whether the week needs anything.
import { formatDay, formatNumber } from "./format";
import type { Digest, DigestChange } from "./ipc";

/**
 * A value as the core stores it (JSON text), for people: strings without quotes
 * (days in the OS locale), numbers in the OS locale, null as "none", true/false
 * as "yes"/"no". Text that is not JSON is shown as it is.
 */
export function readableValue(json: string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (value === null) return "none";
  if (typeof value === "string") {
    if (value === "") return "none";
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : value;
  }
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return JSON.stringify(value);
}

/** A field name for people: `unit_label` → "unit label". */
export function fieldLabel(field: string): string {
  return field.replace(/_/g, " ");
}

/** "target from 70 to 80 by Maria · reason" (without " · reason" when there is none). */
export function describeChange(change: DigestChange): string {
  const what = `${fieldLabel(change.field)} from ${readableValue(change.from)} to ${readableValue(change.to)} by ${change.who}`;
  const reason = change.reason.trim();
  return reason === "" ? what : `${what} · ${reason}`;
}

/** True when nothing in the week needs the manager: no goal off track or at risk, nobody quiet, no changes. */
export function isQuietWeek(digest: Digest): boolean {
  return digest.offTrack.length === 0 && digest.atRisk.length === 0 && digest.quiet.length === 0 && digest.changes.length === 0;
}
