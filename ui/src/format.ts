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
