import type { CalendarPeriod, CalendarYear } from "./calendarSchemas";
import { datesFrom } from "./workingCalendar";

/**
 * The working calendar shipped with the product; the admin may replace any year
 * (PUT /api/calendar/:year), and a stored year wins over the shipped one.
 *
 * School vacations are those of Jiangsu primary and secondary schools, approximate (the
 * province's school calendar is published each school year and cities may differ by a few days).
 */

const holiday = (name: string, nameEn: string, start: string, end = start): CalendarPeriod => ({
  name,
  nameEn,
  kind: "public_holiday",
  start,
  end,
});
const schoolVacation = (name: string, nameEn: string, start: string, end: string): CalendarPeriod => ({
  name,
  nameEn,
  kind: "school_vacation",
  start,
  end,
  approximate: true,
});

const holidaysOf = (periods: readonly CalendarPeriod[]): string[] =>
  periods.filter((period) => period.kind === "public_holiday").flatMap((period) => datesFrom(period.start, period.end));

const PERIODS_2026: CalendarPeriod[] = [
  holiday("元旦", "New Year's Day", "2026-01-01", "2026-01-03"),
  holiday("春节", "Spring Festival", "2026-02-15", "2026-02-23"),
  holiday("清明节", "Qingming Festival", "2026-04-04", "2026-04-06"),
  holiday("劳动节", "May Day", "2026-05-01", "2026-05-05"),
  holiday("端午节", "Dragon Boat Festival", "2026-06-19", "2026-06-21"),
  holiday("中秋节", "Mid-Autumn Festival", "2026-09-25", "2026-09-27"),
  holiday("国庆节", "National Day", "2026-10-01", "2026-10-07"),
  schoolVacation("寒假", "Winter vacation", "2026-01-31", "2026-03-01"),
  schoolVacation("暑假", "Summer vacation", "2026-07-04", "2026-08-31"),
];

/**
 * 2027 is provisional: no State Council notice for 2027 could be found. It applies the rules of
 * the 2025 reform (全国年节及纪念日放假办法, revised 2024-11): 13 statutory days (春节 = 除夕 +
 * 初一–初三, 劳动节 = 1–2 May); a statutory day on a weekend is made up on the next working day;
 * 春节 is 8 days from 除夕, 劳动节 5, 国庆节 7; 元旦, 清明, 端午 and 中秋 make 3 days with the
 * weekend unless they fall on a Wednesday (then 1 day); no more than 6 working days in a row next
 * to a holiday. Lunar dates: 除夕 5 Feb, 春节 6 Feb, 清明 5 Apr, 端午 9 Jun, 中秋 15 Sep.
 * 2027 has the weekdays of 2021, whose 元旦 and 国庆节 arrangement it follows.
 */
const PERIODS_2027: CalendarPeriod[] = [
  holiday("元旦", "New Year's Day", "2027-01-01", "2027-01-03"),
  holiday("春节", "Spring Festival", "2027-02-05", "2027-02-12"),
  holiday("清明节", "Qingming Festival", "2027-04-03", "2027-04-05"),
  holiday("劳动节", "May Day", "2027-05-01", "2027-05-05"),
  holiday("端午节", "Dragon Boat Festival", "2027-06-09"),
  holiday("中秋节", "Mid-Autumn Festival", "2027-09-15"),
  holiday("国庆节", "National Day", "2027-10-01", "2027-10-07"),
  schoolVacation("寒假", "Winter vacation", "2027-01-23", "2027-02-21"),
  schoolVacation("暑假", "Summer vacation", "2027-07-03", "2027-08-31"),
];

/** The shipped years, oldest first. */
export const SHIPPED_CALENDAR_YEARS: readonly CalendarYear[] = [
  {
    year: 2026,
    provisional: false,
    notice:
      "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）https://www.gov.cn/zhengce/content/202511/content_7047090.htm",
    holidays: holidaysOf(PERIODS_2026),
    workdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
    periods: PERIODS_2026,
  },
  {
    year: 2027,
    provisional: true,
    notice:
      "暂定：未见国务院办公厅2027年节假日安排通知，按2025年修订的《全国年节及纪念日放假办法》及调休惯例推定，待通知发布后替换。",
    holidays: holidaysOf(PERIODS_2027),
    workdays: ["2027-01-31", "2027-02-20", "2027-05-08", "2027-09-26", "2027-10-09"],
    periods: PERIODS_2027,
  },
];

/** The shipped data of one year, when there is some. */
export function shippedCalendarYear(year: number): CalendarYear | undefined {
  return SHIPPED_CALENDAR_YEARS.find((shipped) => shipped.year === year);
}
