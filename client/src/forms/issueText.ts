import type { FieldIssue } from "@gridrisk/shared";
import type { TFunction } from "i18next";
import type { z } from "zod";

/** A problem with one field, as the shared schemas report it in the browser (zod) or the server answers it. */
export interface TranslatableIssue {
  /** The dotted path of the field (`tasks.0.dueAt`). */
  path: string;
  /** The schema's own English message, shown only when nothing better is known. */
  message: string;
  /** zod's issue code, when the issue comes from a schema run in the browser. */
  code?: string;
  /** What the limit applies to: `string`, `array`, `number`... */
  origin?: string;
  minimum?: number;
  maximum?: number;
}

/** The shared schemas' own messages, by the key of their translation. */
const KNOWN_MESSAGES: Record<string, string> = {
  "is required": "required",
  "must be a 24-character hex id": "chooseOne",
  "must be a category code": "chooseOne",
  'must be "effective" or "recurred"': "chooseOne",
  'must be "lead" or "assist"': "chooseOne",
  "must be an ISO 8601 date-time with a time zone": "dateTime",
  "give at least one department": "oneDepartment",
  "each department only once": "departmentTwice",
  "is listed twice": "listedTwice",
  "must list at least one item": "oneItem",
  "must list at least one region": "oneItem",
  "must list the departments that meet": "oneDepartment",
  "must list at least one department": "oneDepartment",
  "is required when no rdates or periods are listed": "rruleOrDates",
  "must not be before startDate": "endBeforeStart",
  "must be after start": "endAfterStart",
};

/** The issues of a zod error, each with its path dotted and what a translation needs. */
export function issuesOf(error: z.ZodError): TranslatableIssue[] {
  return error.issues.map((issue) => {
    const limits = issue as { origin?: string; minimum?: number | bigint; maximum?: number | bigint };
    return {
      path: issue.path.map(String).join("."),
      message: issue.message,
      code: issue.code,
      ...(limits.origin !== undefined ? { origin: limits.origin } : {}),
      ...(limits.minimum !== undefined ? { minimum: Number(limits.minimum) } : {}),
      ...(limits.maximum !== undefined ? { maximum: Number(limits.maximum) } : {}),
    };
  });
}

/** One issue in the interface's language: a known message, else by zod's code, else the message as sent. */
export function issueText(issue: TranslatableIssue | FieldIssue, t: TFunction): string {
  const known = KNOWN_MESSAGES[issue.message];
  if (known) return t(`validation.${known}`);
  if (issue.message.startsWith("exactly one lead department")) return t("validation.oneLead");
  if (issue.message.startsWith("is not a valid RRULE")) return t("validation.rrule");
  const { code, origin, minimum, maximum } = issue as TranslatableIssue;
  switch (code) {
    case "too_small":
      if (origin === "string")
        return (minimum ?? 1) <= 1 ? t("validation.required") : t("validation.tooShort", { min: minimum });
      if (origin === "array") return t("validation.tooFew", { min: minimum });
      return t("validation.atLeast", { min: minimum });
    case "too_big":
      if (origin === "string") return t("validation.tooLong", { max: maximum });
      if (origin === "array") return t("validation.tooMany", { max: maximum });
      return t("validation.atMost", { max: maximum });
    case "invalid_type":
      return t("validation.required");
    case "invalid_value":
    case "invalid_union":
      return t("validation.chooseOne");
    case undefined:
      return issue.message;
    default:
      return t("validation.invalid");
  }
}
