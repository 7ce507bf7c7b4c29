import { z } from "zod";
import { addDaysToDateKey } from "./recurrence";

/** The kinds of early-warning rule (预警规则) the system evaluates by itself. */
export const EARLY_WARNING_RULE_CODES = ["refund_complaints", "fund_abnormal", "licence_expiry"] as const;
export type EarlyWarningRuleCode = (typeof EARLY_WARNING_RULE_CODES)[number];

/** A rule's settings. */
export interface EarlyWarningRuleSettings {
  enabled: boolean;
  /** refund_complaints: how many complaints… */
  count: number;
  /** …within how many days (licence_expiry: how many days ahead of the expiry it warns)… */
  days: number;
  /** …of these risk categories, about one institution. */
  categories: string[];
}

/** The shipped settings; the admin may change them (PUT /api/early-warning-rules/:code). */
export const DEFAULT_EARLY_WARNING_RULES: Record<EarlyWarningRuleCode, EarlyWarningRuleSettings> = {
  refund_complaints: { enabled: true, count: 3, days: 30, categories: ["refund_dispute", "prepaid_fee_risk"] },
  fund_abnormal: { enabled: true, count: 1, days: 1, categories: [] },
  licence_expiry: { enabled: true, count: 1, days: 30, categories: [] },
};

/** PUT /api/early-warning-rules/:code */
export const earlyWarningRuleInputSchema = z
  .object({
    enabled: z.boolean({ error: "must be true or false" }),
    count: z.number({ error: "must be a number" }).int("must be a whole number").min(1).max(100),
    days: z.number({ error: "must be a number" }).int("must be a whole number").min(1).max(365),
    categories: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "must be a category code"), {
        error: "must be a list of category codes",
      })
      .max(20),
  })
  .strict();

/** Route parameter :code. */
export const earlyWarningRuleParamsSchema = z
  .object({
    code: z.enum(EARLY_WARNING_RULE_CODES, { error: `must be one of ${EARLY_WARNING_RULE_CODES.join(", ")}` }),
  })
  .strict();

/** One complaint as the refund rule reads it. */
export interface ComplaintFact {
  id: string;
  institutionId: string;
  category: string;
  createdAt: Date;
}

/** A condition found: which institution, and the events that make it. */
export interface ComplaintFiring {
  institutionId: string;
  /** The first `count` complaints in the window, oldest first: they name the condition. */
  eventIds: string[];
}

/**
 * "N refund complaints about one institution within X days": for each institution with at least
 * `count` complaints of the rule's categories since `now - days`, the condition, named by its
 * oldest `count` complaints (so the same complaints never fire twice; new ones after the old have
 * left the window make a new condition).
 */
export function refundComplaintFirings(
  complaints: readonly ComplaintFact[],
  settings: Pick<EarlyWarningRuleSettings, "count" | "days" | "categories">,
  now: Date,
): ComplaintFiring[] {
  const since = now.getTime() - settings.days * 86_400_000;
  const byInstitution = new Map<string, ComplaintFact[]>();
  for (const complaint of complaints) {
    if (!settings.categories.includes(complaint.category) || complaint.createdAt.getTime() < since) continue;
    byInstitution.set(complaint.institutionId, [...(byInstitution.get(complaint.institutionId) ?? []), complaint]);
  }
  return [...byInstitution.entries()]
    .filter(([, list]) => list.length >= settings.count)
    .map(([institutionId, list]) => ({
      institutionId,
      eventIds: list
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
        .slice(0, settings.count)
        .map((complaint) => complaint.id),
    }));
}

/** An institution's licence and class schedule as the licence-expiry rule reads them. */
export interface LicenceScheduleFact {
  institutionId: string;
  /** Last day the school-running licence is valid, "YYYY-MM-DD"; none: not known. */
  licenceValidUntil?: string | null | undefined;
  /** Last day classes are scheduled (sold on the prepaid-fee platform), "YYYY-MM-DD"; none: no classes. */
  classesScheduledUntil?: string | null | undefined;
}

/**
 * "A licence expiring while classes are still scheduled": the licence ends (or has ended) within
 * `days` days of `today` and classes are scheduled after its last valid day and after today. Each
 * condition is named by the institution and the expiry date, so a renewed licence (a new date)
 * that runs into the schedule again is a new condition.
 */
export function licenceExpiryFirings(
  facts: readonly LicenceScheduleFact[],
  settings: Pick<EarlyWarningRuleSettings, "days">,
  today: string,
): { institutionId: string; licenceValidUntil: string; classesScheduledUntil: string }[] {
  const horizon = addDaysToDateKey(today, settings.days);
  return facts.flatMap(({ institutionId, licenceValidUntil, classesScheduledUntil }) =>
    licenceValidUntil &&
    classesScheduledUntil &&
    licenceValidUntil <= horizon &&
    classesScheduledUntil > licenceValidUntil &&
    classesScheduledUntil >= today
      ? [{ institutionId, licenceValidUntil, classesScheduledUntil }]
      : [],
  );
}
