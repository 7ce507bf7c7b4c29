import { deadlineFrom, type Severity } from "@gridrisk/shared";
import { currentCalendar, currentDeadlinePolicy } from "../calendar/calendarStore";

/** When assessment of an event of this severity, reported (or escalated) at `from`, is due. */
export function assessmentDeadline(severity: Severity, from: Date): Date {
  return deadlineFrom(from, currentDeadlinePolicy().assessment[severity], currentCalendar());
}

/** When a task is due when the dispatcher gives no time. */
export function defaultHandlingDeadline(severity: Severity, from: Date): Date {
  return deadlineFrom(from, currentDeadlinePolicy().handling[severity], currentCalendar());
}

/** The latest a follow-up visit may be scheduled after resolution. */
export function followUpDeadline(severity: Severity, from: Date): Date {
  return deadlineFrom(from, currentDeadlinePolicy().followUp[severity], currentCalendar());
}
