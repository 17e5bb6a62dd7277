// Numbers and dates in the OS locale (the web view reports it as navigator.language).

const numberFormat = new Intl.NumberFormat(undefined);

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

export function formatCount(value: number, one: string, many: string): string {
  const rules = new Intl.PluralRules(undefined);
  return `${formatNumber(value)} ${rules.select(value) === "one" ? one : many}`;
}

/** Monday of the week that contains `day` (local time). */
export function startOfWeek(day: Date): Date {
  const d = new Date(day.getFullYear(), day.getMonth(), day.getDate());
  const offset = (d.getDay() + 6) % 7;
  d.setDate(d.getDate() - offset);
  return d;
}

export function formatWeekRange(day: Date): string {
  const start = startOfWeek(day);
  const end = new Date(start);
  end.setDate(start.getDate() + 6);
  const fmt = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "long", year: "numeric" });
  return fmt.formatRange(start, end);
}

export function formatLongDate(day: Date): string {
  return new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" }).format(day);
}

/** A `YYYY-MM-DD` day as a local date; a timestamp as its instant; null when unreadable. */
export function parseDay(text: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  // RFC 3339 from the core ("2026-05-12T09:30:00.123456789Z"); WebKit wants "T" and at most 3 fraction digits.
  const iso = text.trim().replace(" ", "T").replace(/(\.\d{3})\d+/, "$1");
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

const mediumDate = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const longDate = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "long", year: "numeric" });

/** "30 Jun 2026" / "Jun 30, 2026" (OS locale); the text itself when it is not a date. */
export function formatDay(text: string | null): string {
  if (text === null || text === "") return "—";
  const d = parseDay(text);
  return d ? mediumDate.format(d) : text;
}

/** "12 May 2026" / "May 12, 2026" (OS locale). */
export function formatDayLong(text: string): string {
  const d = parseDay(text);
  return d ? longDate.format(d) : text;
}

/**
 * Two days as one range in the OS locale: "11–17 May 2026" / "May 11 – 17, 2026";
 * "<from> – <to>" as given when either is not a date.
 */
export function formatDayRange(from: string, to: string): string {
  const start = parseDay(from);
  const end = parseDay(to);
  if (start === null || end === null || end < start) return `${from} – ${to}`;
  return longDate.formatRange(start, end);
}

/** Progress in [0, 1] as "50 %". */
export function formatPercent(fraction: number): string {
  return `${formatNumber(Math.round(fraction * 100))} %`;
}

export type ValueUnit = "number" | "percent" | "currency" | "duration" | "count" | "binary";

const currencyFormats = new Map<string, Intl.NumberFormat | null>();

function currencyFormat(code: string): Intl.NumberFormat | null {
  let format = currencyFormats.get(code);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(undefined, { style: "currency", currency: code });
    } catch {
      format = null;
    }
    currencyFormats.set(code, format);
  }
  return format;
}

/**
 * A metric value with its unit, in the OS locale: "40 %", "$1,200.00" (currency
 * code USD), "40 hours", "Done". "—" when there is no value.
 */
export function formatValue(value: number | null, unit: ValueUnit, label: string): string {
  if (value === null) return "—";
  const text = label.trim();
  switch (unit) {
    case "binary":
      return value >= 1 ? "Done" : "Not done";
    case "percent":
      return `${formatNumber(value)} %`;
    case "currency": {
      const format = /^[A-Za-z]{3}$/.test(text) ? currencyFormat(text.toUpperCase()) : null;
      if (format) return format.format(value);
      break;
    }
    case "number":
    case "duration":
    case "count":
      break;
  }
  if (text === "") return formatNumber(value);
  if (text === "%") return `${formatNumber(value)} %`;
  const one = new Intl.PluralRules(undefined).select(value) === "one";
  const shown = one && /^[a-z]{3,}s$/.test(text) ? text.slice(0, -1) : text;
  return `${formatNumber(value)} ${shown}`;
}

/** The OS locale's decimal separator ("." or ","). */
function localeDecimal(): string {
  return new Intl.NumberFormat(undefined).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
}

/**
 * A number typed by a person, read reasonably whatever the OS locale: "48",
 * "1,200", "1 200", "2.5", "2,5" (where "," is the decimal separator), "-3".
 * When both "." and "," appear, the last one is the decimal separator; a lone
 * separator followed by exactly three digits that is not the locale's decimal
 * mark groups thousands. Null when the text is blank or not a finite number —
 * never NaN.
 */
export function parseLocaleNumber(text: string, decimal: string = localeDecimal()): number | null {
  let t = text
    .trim()
    .replace(/[\s\u00a0\u202f'’_]/g, "")
    .replace(/^[−–]/, "-");
  if (t === "") return null;
  if (!/^[-+]?[\d.,]*\d[\d.,]*$/.test(t)) return null;
  const lastDot = t.lastIndexOf(".");
  const lastComma = t.lastIndexOf(",");
  let decimalMark: string | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalMark = lastDot > lastComma ? "." : ",";
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? "." : ",";
    const count = t.split(mark).length - 1;
    const after = t.length - t.lastIndexOf(mark) - 1;
    if (count > 1) decimalMark = null;
    else if (mark === decimal) decimalMark = mark;
    else decimalMark = after === 3 ? null : mark;
  }
  const group = decimalMark === "." ? "," : decimalMark === "," ? "." : null;
  if (group !== null) t = t.split(group).join("");
  else t = t.replace(/[.,]/g, "");
  if (decimalMark !== null) {
    if (t.split(decimalMark).length > 2) return null;
    t = t.replace(decimalMark, ".");
  }
  const value = Number(t);
  return Number.isFinite(value) ? value : null;
}

const inputNumberFormat = new Intl.NumberFormat(undefined, { useGrouping: false, maximumFractionDigits: 10 });

/** A number for an editable field, in the OS locale without grouping ("1200", "2.5" / "2,5"). */
export function formatNumberForInput(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "" : inputNumberFormat.format(value);
}

/** Today as `YYYY-MM-DD` (local time). */
export function todayIso(now: Date = new Date()): string {
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${m}-${d}`;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A timestamp (RFC 3339) as the exact local date and time: "12 May 2026, 09:30" (OS locale); "—" when missing. */
export function formatDateTime(text: string | null): string {
  if (text === null || text === "") return "—";
  const d = parseDay(text);
  return d ? dateTimeFormat.format(d) : text;
}

const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.35],
  ["month", 12],
  ["year", Infinity],
];

/**
 * How long ago (or how far ahead) a timestamp is, in the OS locale: "now",
 * "5 minutes ago", "yesterday". The text itself when it is not a date.
 */
export function formatRelativeTime(text: string, now: Date = new Date()): string {
  const d = parseDay(text);
  if (d === null) return text;
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const seconds = (d.getTime() - now.getTime()) / 1000;
  if (Math.abs(seconds) < 60) return format.format(0, "second");
  let amount = seconds / 60;
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(Math.round(amount)) < size) return format.format(Math.round(amount), unit);
    amount /= size;
  }
  return format.format(Math.round(amount), "year");
}
