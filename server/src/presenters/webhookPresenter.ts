import type { WebhookDoc } from "../models/webhook";
import type { WebhookDeliveryDoc } from "../models/webhookDelivery";

/** A webhook as the API shows it: never its secret (given once, at creation). */
export function presentWebhook(doc: WebhookDoc) {
  return {
    id: doc._id.toHexString(),
    url: doc.url,
    eventTypes: doc.eventTypes,
    description: doc.description ?? null,
    active: doc.active,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** One delivery with each attempt. */
export function presentWebhookDelivery(doc: WebhookDeliveryDoc) {
  return {
    id: doc._id,
    eventType: doc.eventType,
    status: doc.status,
    createdAt: doc.createdAt.toISOString(),
    deliveredAt: doc.deliveredAt ? doc.deliveredAt.toISOString() : null,
    nextAttemptAt: doc.nextAttemptAt ? doc.nextAttemptAt.toISOString() : null,
    attempts: (doc.attempts ?? []).map((attempt) => ({
      at: attempt.at.toISOString(),
      status: attempt.status ?? null,
      error: attempt.error ?? null,
      durationMs: attempt.durationMs,
    })),
  };
}
