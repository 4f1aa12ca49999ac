/**
 * Time-of-day windows over one UTC calendar month (DESIGN §4, §5.1): how many minutes of each UTC hour
 * of the month fall inside each window — its weekdays, from/to in its time zone, less its calendar's
 * holidays, the first window of a price taking a minute that several cover. Worked out once per
 * (price, month) with Intl; an estimate then only weighs these counts with its hourly profile.
 */
import { Decimal } from "../shared/decimal.js";
import { holidayCalendar } from "./holiday-calendars.js";
import type { TimeWindow, Weekday } from "./price-entry.js";

/** Minutes inside each window per UTC hour of the day, summed over the month's days. */
export interface WindowMonth {
  /** YYYY-MM (UTC). */
  month: string;
  daysInMonth: number;
  /** [window][utcHour] → minutes of that hour, over the month, inside the window. */
  minutesByHour: number[][];
  /** Said when a calendar does not cover a year the month's windows touch. */
  warnings: string[];
  /** Shares under a flat profile, filled on first use. */
  flatShares?: Decimal[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** JS getUTCDay() order: 0 = Sunday. */
const WEEKDAY_OF: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at an instant, in minutes (local − UTC). */
function offsetMinutes(timeZone: string, instantMs: number): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(instantMs)))
    if (p.type !== "literal") part[p.type] = Number(p.value);
  const asUtc = Date.UTC(
    part.year ?? 0,
    (part.month ?? 1) - 1,
    part.day ?? 1,
    part.hour ?? 0,
    part.minute ?? 0,
  );
  return Math.round((asUtc - Math.floor(instantMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/** The UTC instant of a local wall-clock time (`localMs` = that time written as if it were UTC). */
function localToUtc(timeZone: string, localMs: number): number {
  const first = localMs - offsetMinutes(timeZone, localMs) * MINUTE_MS;
  const second = localMs - offsetMinutes(timeZone, first) * MINUTE_MS;
  return second;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Minutes per window and UTC hour for the UTC month `month` (YYYY-MM). Local days from two before to
 * one after the month are walked, so windows in any time zone that reach into the month are counted.
 */
export function windowMonth(windows: readonly TimeWindow[], month: string): WindowMonth {
  const year = Number(month.slice(0, 4));
  const monthIndex = Number(month.slice(5, 7)) - 1;
  const start = Date.UTC(year, monthIndex, 1);
  const end = Date.UTC(year, monthIndex + 1, 1);
  const totalMinutes = (end - start) / MINUTE_MS;
  const taken = new Uint8Array(totalMinutes);
  const warnings = new Set<string>();
  const minutesByHour = windows.map((window) => {
    const bins = new Array<number>(24).fill(0);
    const from = minutesOf(window.from);
    const to = minutesOf(window.to);
    const calendar = window.excludeHolidays ? holidayCalendar(window.excludeHolidays) : undefined;
    for (let day = start - 2 * DAY_MS; day < end + DAY_MS; day += DAY_MS) {
      if (!window.days.includes(WEEKDAY_OF[new Date(day).getUTCDay()] as Weekday)) continue;
      const open = Math.max(start, localToUtc(window.timeZone, day + from * MINUTE_MS));
      const close = Math.min(
        end,
        localToUtc(window.timeZone, day + (to > from ? to : to + 1440) * MINUTE_MS),
      );
      if (close <= open) continue;
      if (calendar) {
        const date = isoDay(day);
        const dayYear = Number(date.slice(0, 4));
        if (dayYear < calendar.firstYear || dayYear > calendar.lastYear) {
          warnings.add(
            `Holiday calendar '${calendar.id}' (${calendar.description}) covers ${calendar.firstYear}–${calendar.lastYear}: no holidays are excluded from window '${window.name}' in ${dayYear}.`,
          );
        } else if (calendar.isHoliday(date)) continue;
      }
      for (let i = (open - start) / MINUTE_MS; i < (close - start) / MINUTE_MS; i++) {
        if (taken[i]) continue;
        taken[i] = 1;
        bins[Math.floor(i / 60) % 24] = (bins[Math.floor(i / 60) % 24] as number) + 1;
      }
    }
    return bins;
  });
  return { month, daysInMonth: totalMinutes / 1440, minutesByHour, warnings: [...warnings] };
}

/**
 * Each window's share of the month's traffic: Σ over UTC hours of the hour's share of the profile ×
 * the share of that hour's minutes (over the month) inside the window. Exact: one division each.
 * `hourly` null = flat.
 */
export function windowShares(month: WindowMonth, hourly: readonly Decimal[] | null): Decimal[] {
  if (hourly == null) {
    month.flatShares ??= month.minutesByHour.map((bins) =>
      new Decimal(bins.reduce((a, b) => a + b, 0)).div(1440 * month.daysInMonth),
    );
    return month.flatShares;
  }
  let weightSum = new Decimal(0);
  for (const w of hourly) weightSum = weightSum.plus(w);
  const denominator = weightSum.times(60 * month.daysInMonth);
  return month.minutesByHour.map((bins) => {
    let numerator = new Decimal(0);
    bins.forEach((minutes, hour) => {
      if (minutes > 0) numerator = numerator.plus((hourly[hour] as Decimal).times(minutes));
    });
    return numerator.div(denominator);
  });
}
