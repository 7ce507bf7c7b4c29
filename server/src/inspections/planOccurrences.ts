import { type CalendarPeriod, expandOccurrences, type Occurrence } from "@gridrisk/shared";
import type { InspectionPlanDoc } from "../models/inspectionPlan";

/** A stored plan's occurrences dated from `from` to `to` (Shanghai dates, included). */
export function expandPlan(
  plan: Pick<InspectionPlanDoc, "recurrence" | "window">,
  from: string,
  to: string,
  periods: readonly CalendarPeriod[],
): Occurrence[] {
  const { recurrence } = plan;
  return expandOccurrences(
    {
      startDate: recurrence.startDate,
      endDate: recurrence.endDate ?? undefined,
      rrule: recurrence.rrule ?? undefined,
      rdates: recurrence.rdates,
      exdates: recurrence.exdates,
      periods: recurrence.periods,
    },
    plan.window,
    from,
    to,
    periods,
  );
}
