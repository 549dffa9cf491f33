/**
 * Calendar dates as the athlete's calendar shows them. TrainingPeaks writes a workout's day as
 * local midnight ("2026-09-13T00:00:00", sometimes with a misleading "Z"); passing that through
 * `new Date()` shifts it a day in any time zone west of UTC, so dates stay strings, and all
 * arithmetic is on day numbers (days since 1970-01-01): the same date gives the same answer in
 * every time zone, which is also what keeps the seeded demo byte-identical everywhere.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** "2026-09-13T00:00:00Z" → "2026-09-13" (no time-zone conversion); null when not a date. */
export function localDate(value: string | null | undefined): string | null {
  const match = value ? DATE.exec(value) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && parseDay(value) !== undefined;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, dayOfMonth: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** [year, month, day] of a day number (`civil_from_days`). */
function civilFromDays(day: number): [number, number, number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - Math.floor((153 * mp + 2) / 5) + 1];
}

/** Day number of a `YYYY-MM-DD` date (anything after the date, such as `T00:00:00`, is ignored). */
export function toDay(date: string): number {
  const day = parseDay(date);
  if (day === undefined) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return day;
}

/** Like {@link toDay}, but `undefined` for text that is not a real calendar date. */
export function parseDay(date: string): number | undefined {
  // Hand-parsed: the demo runs this for every workout, and a regular expression is the slow part.
  const digits = (from: number, count: number): number => {
    let n = 0;
    for (let i = from; i < from + count; i++) {
      const c = date.charCodeAt(i) - 48;
      if (!(c >= 0 && c <= 9)) return NaN;
      n = n * 10 + c;
    }
    return n;
  };
  if (date.length < 10 || date[4] !== "-" || date[7] !== "-") return undefined;
  const year = digits(0, 4);
  const month = digits(5, 2);
  const dayOfMonth = digits(8, 2);
  if (!(month >= 1 && month <= 12 && dayOfMonth >= 1 && year >= 0)) return undefined;
  const day = daysFromCivil(year, month, dayOfMonth);
  return civilFromDays(day)[2] === dayOfMonth ? day : undefined;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` of a day number. */
export function fromDay(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

/** The same calendar day `years` later (earlier when negative); 29 February becomes the 28th in a common year. */
export function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const monthDay = date.slice(4);
  const candidate = `${String(year).padStart(4, "0")}${monthDay}`;
  return parseDay(candidate) === undefined ? `${String(year).padStart(4, "0")}-02-28` : candidate;
}

/** Days from start to end, both inclusive (the same day is 1). */
export function inclusiveDays(start: string, end: string): number {
  return toDay(end) - toDay(start) + 1;
}

/** `YYYY-MM-DDT00:00:00`, the form TrainingPeaks uses for calendar days. */
export function apiDay(day: number): string {
  return `${fromDay(day)}T00:00:00`;
}

/** `YYYY-MM-DDTHH:MM:SS` for a day and a number of seconds after local midnight. */
export function apiDateTime(day: number, secondsOfDay: number): string {
  const s = Math.max(0, Math.min(86_399, Math.round(secondsOfDay)));
  return `${fromDay(day)}T${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The Monday on or before `day`. */
export function mondayOf(day: number): number {
  return day - weekday(day);
}

/** Day of the year, 0-based (0 = 1 January). */
export function dayOfYear(day: number): number {
  return day - daysFromCivil(civilFromDays(day)[0], 1, 1);
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

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11-25" → "25 Nov" ("25 Nov 2026" with the year): chart axes have no room for YYYY-MM-DD. */
export function shortDate(date: string, withYear = false): string {
  const [year, month, dayOfMonth] = civilFromDays(toDay(date));
  return `${dayOfMonth} ${MONTHS[month - 1]}${withYear ? ` ${year}` : ""}`;
}
