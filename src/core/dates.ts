/**
 * Calendar dates as the athlete's calendar shows them. TrainingPeaks writes a workout's day as
 * local midnight ("2026-09-13T00:00:00", sometimes with a misleading "Z"); passing that through
 * `new Date()` shifts it a day in any time zone west of UTC, so dates stay strings and all
 * arithmetic is on whole days.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const MS_PER_DAY = 86_400_000;

/** "2026-09-13T00:00:00Z" → "2026-09-13" (no time-zone conversion); null when not a date. */
export function localDate(value: string | null | undefined): string | null {
  const match = value ? DATE.exec(value) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return formatDay(dayNumber(value)) === value;
}

/** Days since 1970-01-01 for a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  // Not Date.UTC: it reads the years 0–99 as 1900–1999.
  return new Date(0).setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatDay(dayNumber(date) + days);
}

/** Days from start to end, both inclusive (the same day is 1). */
export function inclusiveDays(start: string, end: string): number {
  return dayNumber(end) - dayNumber(start) + 1;
}

// Building a DateTimeFormat costs ~40 µs, formatting with one ~1 µs: keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Today's date in a time zone (the athlete's), falling back to the machine's. */
export function todayIn(timeZone?: string | null, now: Date = new Date()): string {
  const format = (zone?: string) => {
    let formatter = formatters.get(zone ?? "");
    if (!formatter) {
      formatter = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
      formatters.set(zone ?? "", formatter);
    }
    return formatter.format(now);
  };
  if (timeZone) {
    try {
      return format(timeZone);
    } catch {
      // An unknown zone name from the API must not break the call; the machine's zone is close enough.
    }
  }
  return format();
}
