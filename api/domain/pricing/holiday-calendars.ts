/**
 * Holiday calendars a time window can exclude (`excludeHolidays`). `cn` is China's official schedule
 * from `chinese-days` (the State Council's yearly notice, as packaged; pinned exactly so a calendar
 * never changes under a stored estimate). A calendar covers whole years; outside them no holidays are
 * excluded and the estimate warns.
 */
import chineseDays from "chinese-days/dist/chinese-days.json" with { type: "json" };

export interface HolidayCalendar {
  id: string;
  /** Human name and source, for warnings and docs. */
  description: string;
  firstYear: number;
  lastYear: number;
  /** Whether a date (YYYY-MM-DD) is a public holiday on this calendar. */
  isHoliday(date: string): boolean;
}

function yearRange(dates: readonly string[]): { firstYear: number; lastYear: number } {
  let firstYear = Number.POSITIVE_INFINITY;
  let lastYear = Number.NEGATIVE_INFINITY;
  for (const d of dates) {
    const year = Number(d.slice(0, 4));
    if (year < firstYear) firstYear = year;
    if (year > lastYear) lastYear = year;
  }
  return { firstYear, lastYear };
}

function chinaCalendar(): HolidayCalendar {
  const holidays = new Set(Object.keys(chineseDays.holidays));
  return {
    id: "cn",
    description: "China's official public holidays (chinese-days 1.5.7)",
    ...yearRange([...holidays]),
    isHoliday: (date) => holidays.has(date),
  };
}

const calendars = new Map<string, HolidayCalendar>([["cn", chinaCalendar()]]);

/** Ids of the calendars a window can name. */
export const HOLIDAY_CALENDAR_IDS: readonly string[] = [...calendars.keys()];

/** The calendar with this id, or undefined. */
export function holidayCalendar(id: string): HolidayCalendar | undefined {
  return calendars.get(id);
}

/** Whether the runtime knows an IANA time zone (`Asia/Shanghai`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
