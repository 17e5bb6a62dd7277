// Inbox helpers: kinds in words, the snooze dates and the grouping by day.
// Dates are local calendar days as `YYYY-MM-DD` (what the core stores).
import { parseDay } from "./format";
import type { AlertKind, InboxItem } from "./ipc";

/** Every kind, in the order the filter chips show them. */
export const ALERT_KINDS: readonly AlertKind[] = [
  "check_in_due",
  "missed_check_ins",
  "off_track",
  "at_risk",
  "low_probability",
  "activity_below_target",
  "checkpoint_soon",
];

export const KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  check_in_due: "Check-in due",
  at_risk: "At risk",
  off_track: "Off track",
  low_probability: "Low chance",
  missed_check_ins: "Missed check-ins",
  activity_below_target: "Activity below target",
  checkpoint_soon: "Checkpoint ahead",
};

/** Kinds whose answer is a check-in: the item offers "Check in". */
export function offersCheckIn(kind: AlertKind): boolean {
  return kind === "check_in_due" || kind === "missed_check_ins" || kind === "activity_below_target";
}

/** Snoozed and dismissed items have left the inbox (snoozed ones come back on their date). */
export function isActive(item: InboxItem): boolean {
  return item.state === "new" || item.state === "seen";
}

/** A local date as `YYYY-MM-DD`. */
export function isoDay(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, "0");
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** The local calendar day `days` after `date` (midnight). */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

export type SnoozeChoice = "tomorrow" | "monday" | "week";

export const SNOOZE_LABELS: Readonly<Record<SnoozeChoice, string>> = {
  tomorrow: "Tomorrow",
  monday: "Next Monday",
  week: "In a week",
};

/** The day an item snoozed on `today` comes back: tomorrow, the next Monday (a week on, on a Monday), or in 7 days. */
export function snoozeUntil(choice: SnoozeChoice, today: Date): string {
  switch (choice) {
    case "tomorrow":
      return isoDay(addDays(today, 1));
    case "monday": {
      const ahead = (8 - today.getDay()) % 7;
      return isoDay(addDays(today, ahead === 0 ? 7 : ahead));
    }
    case "week":
      return isoDay(addDays(today, 7));
  }
}

const dayWithWeekday = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" });
const dayWithYear = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const shortDay = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });

/** "Today", "Yesterday", or the date in the OS locale (with the year when it is not this year's). */
export function dayHeading(day: string, today: Date): string {
  if (day === isoDay(today)) return "Today";
  if (day === isoDay(addDays(today, -1))) return "Yesterday";
  const date = parseDay(day);
  if (date === null) return day;
  return (date.getFullYear() === today.getFullYear() ? dayWithWeekday : dayWithYear).format(date);
}

/** "Thu 14 May" (OS locale), for the snooze menu and its toast. */
export function formatShortDay(day: string): string {
  const date = parseDay(day);
  return date === null ? day : shortDay.format(date);
}

export interface InboxDay {
  day: string;
  items: InboxItem[];
}

/** Items grouped by the day they were raised, newest day first; order within a day is kept. */
export function groupByDay(items: readonly InboxItem[]): InboxDay[] {
  const groups = new Map<string, InboxItem[]>();
  for (const item of items) {
    const group = groups.get(item.raisedOn);
    if (group) group.push(item);
    else groups.set(item.raisedOn, [item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([day, dayItems]) => ({ day, items: dayItems }));
}
