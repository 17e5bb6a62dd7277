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
