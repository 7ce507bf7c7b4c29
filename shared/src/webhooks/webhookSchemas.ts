import { z } from "zod";

/** The kinds of event change a webhook may follow (the same as the live updates). */
export const WEBHOOK_EVENT_TYPES = ["created", "transitioned", "overdue", "urged"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Limits of webhooks and their deliveries. */
export const WEBHOOK_LIMITS = {
  maxUrlLength: 500,
  /** Attempts before a delivery is given up. */
  maxAttempts: 6,
  /** First retry delay; each later one doubles, up to maxRetryDelayMs. */
  firstRetryDelayMs: 30_000,
  maxRetryDelayMs: 3_600_000,
  /** How long one attempt may take. */
  timeoutMs: 10_000,
  /** Days a finished (delivered or failed) delivery stays in the log. */
  logRetentionDays: 30,
} as const;

const url = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
  .max(WEBHOOK_LIMITS.maxUrlLength, `must be at most ${WEBHOOK_LIMITS.maxUrlLength} characters`);
const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `must be among ${WEBHOOK_EVENT_TYPES.join(", ")}` }))
  .min(1, "must name at least one event type")
  .max(WEBHOOK_EVENT_TYPES.length);

/** POST /api/webhooks */
export const webhookCreateSchema = z
  .object({
    url,
    eventTypes,
    description: z.string().trim().max(200).optional(),
  })
  .strict();
export type WebhookCreateInput = z.infer<typeof webhookCreateSchema>;

/** PATCH /api/webhooks/:id */
export const webhookUpdateSchema = z
  .object({ url, eventTypes, description: z.string().trim().max(200), active: z.boolean() })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, "give at least one field to change");
export type WebhookUpdateInput = z.infer<typeof webhookUpdateSchema>;
