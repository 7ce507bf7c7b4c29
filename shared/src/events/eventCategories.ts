import { z } from "zod";
import { CATEGORY_CODE_PATTERN, DEFAULT_EVENT_CATEGORIES } from "./eventKinds";

/** A risk category as the admin maintains it. */
export const eventCategorySchema = z
  .object({
    code: z.string().regex(CATEGORY_CODE_PATTERN, "must be 2-40 lower-case letters, digits or _"),
    name: z.string().trim().min(1, "is required").max(100),
    nameEn: z.string().trim().max(150).optional(),
    /** A retired category stays on old events but cannot be chosen for new ones. */
    active: z.boolean().default(true),
  })
  .strict();
export type EventCategoryEntry = z.infer<typeof eventCategorySchema>;

const NAMES: Record<(typeof DEFAULT_EVENT_CATEGORIES)[number], [string, string]> = {
  unlicensed_training: ["无证办学", "Unlicensed training"],
  prepaid_fee_risk: ["预收费风险", "Prepaid fee risk"],
  abnormal_funds: ["资金异常", "Abnormal funds"],
  safety_hazard: ["安全隐患", "Safety hazard"],
  refund_dispute: ["退费纠纷", "Refund dispute"],
  false_advertising: ["虚假宣传", "False advertising"],
  over_hours: ["超时培训", "Training past hours"],
  collective_complaint: ["群体投诉", "Collective complaint"],
  other: ["其他", "Other"],
};

/** The categories shipped by default. */
export const DEFAULT_EVENT_CATEGORY_ENTRIES: readonly EventCategoryEntry[] = DEFAULT_EVENT_CATEGORIES.map((code) => ({
  code,
  name: NAMES[code][0],
  nameEn: NAMES[code][1],
  active: true,
}));
