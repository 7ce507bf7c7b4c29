import { z } from "zod";
import { SEVERITIES, type Severity } from "../events/eventKinds";

/** How a deadline's amount is counted. */
export const DEADLINE_UNITS = ["minutes", "hours", "days"] as const;
/** Natural time runs around the clock; working time only in working hours of working days. */
export const DEADLINE_BASES = ["natural", "working"] as const;

/** The longest deadline an admin may set: one year, whatever the unit. */
export const DEADLINE_LIMITS = { maxAmount: { minutes: 366 * 24 * 60, hours: 366 * 24, days: 366 } } as const;

/** "Within this much time": e.g. `{ amount: 5, unit: "days", basis: "working" }` is 5 个工作日. */
export const deadlineRuleSchema = z
  .object(
    {
      amount: z.number({ error: "must be a number" }).positive("must be more than 0"),
      unit: z.enum(DEADLINE_UNITS, { error: `must be one of ${DEADLINE_UNITS.join(", ")}` }),
      basis: z.enum(DEADLINE_BASES, { error: `must be one of ${DEADLINE_BASES.join(", ")}` }),
    },
    { error: (issue) => (issue.input === undefined ? "is required" : "must be an object { amount, unit, basis }") },
  )
  .strict()
  .superRefine((rule, ctx) => {
    const max = DEADLINE_LIMITS.maxAmount[rule.unit];
    if (max === undefined) return; // a bad unit is reported by the unit's own schema
    if (rule.amount > max)
      ctx.addIssue({ code: "custom", path: ["amount"], message: `must be at most ${max} ${rule.unit}` });
    else if (rule.unit === "days" && !Number.isInteger(rule.amount)) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "must be a whole number of days" });
    }
  });
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

const bySeveritySchema = z.record(z.enum(SEVERITIES), deadlineRuleSchema, {
  error: `must give a rule for each severity: ${SEVERITIES.join(", ")}`,
});

/** The clock of each stage by severity (PRODUCT.md, "rapid response"); the admin edits it. */
export const deadlinePolicySchema = z
  .object({
    /** From report to assessment (研判). */
    assessment: bySeveritySchema,
    /** From dispatch to resolution, for a task whose due time the dispatcher does not give (处置). */
    handling: bySeveritySchema,
    /** From resolution to the follow-up visit (跟踪回访). */
    followUp: bySeveritySchema,
  })
  .strict();
export type DeadlinePolicy = { [Stage in keyof z.infer<typeof deadlinePolicySchema>]: Record<Severity, DeadlineRule> };

const natural = (amount: number, unit: DeadlineRule["unit"]): DeadlineRule => ({ amount, unit, basis: "natural" });
const working = (amount: number, unit: DeadlineRule["unit"]): DeadlineRule => ({ amount, unit, basis: "working" });

/**
 * The shipped policy. Assessment runs on natural time: a very serious risk (特别重大) is judged
 * within 30 minutes even at night. Handling of the two gravest grades runs around the clock too
 * (1 and 3 days); a major (较大) or general (一般) risk is handled by departments in office time,
 * within 5 and 10 working days (n 个工作日内, see `addWorkingDays`). Every resolved event is
 * visited again within 7 days.
 */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  assessment: {
    very_serious: natural(30, "minutes"),
    serious: natural(2, "hours"),
    major: natural(12, "hours"),
    general: natural(24, "hours"),
  },
  handling: {
    very_serious: natural(1, "days"),
    serious: natural(3, "days"),
    major: working(5, "days"),
    general: working(10, "days"),
  },
  followUp: {
    very_serious: natural(7, "days"),
    serious: natural(7, "days"),
    major: natural(7, "days"),
    general: natural(7, "days"),
  },
};
