import { WEBHOOK_LIMITS } from "@gridrisk/shared";
import { isDuplicateKey } from "../database/duplicateKey";
import { trusted } from "../database/trustedFilter";
import type { DomainEvent } from "../events/domainEvents";
import { createLogger } from "../logging/logger";
import { WebhookModel } from "../models/webhook";
import { type WebhookDeliveryDoc, WebhookDeliveryModel } from "../models/webhookDelivery";
import { presentEventSummary } from "../presenters/eventPresenter";
import { activeWebhooks } from "./activeWebhooks";
import { retryDelayMs, signWebhook } from "./webhookSignature";

const log = createLogger("webhooks");

/** Queues a domain event for every active webhook that follows its type; each at most once. */
export async function enqueueWebhookDeliveries(domainEvent: DomainEvent): Promise<number> {
  const hooks = (await activeWebhooks()).filter((hook) => hook.eventTypes.includes(domainEvent.type));
  if (!hooks.length) return 0;
  const event = presentEventSummary(domainEvent.event);
  let queued = 0;
  for (const hook of hooks) {
    const _id = `${hook._id.toHexString()}:${event.id}:${event.version}:${domainEvent.type}`;
    const payload = JSON.stringify({
      id: _id,
      type: domainEvent.type,
      ...(domainEvent.action ? { action: domainEvent.action } : {}),
      occurredAt: domainEvent.at.toISOString(),
      event,
    });
    try {
      await WebhookDeliveryModel.create({
        _id,
        webhookId: hook._id,
        eventType: domainEvent.type,
        payload,
        status: "pending",
        nextAttemptAt: domainEvent.at,
        createdAt: domainEvent.at,
      });
      queued += 1;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return queued;
}

/** One attempt: POST the signed JSON; the status (null when none came back) and any error. */
async function attempt(url: string, secret: string, delivery: WebhookDeliveryDoc, now: Date) {
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "gridrisk-webhooks",
        "X-GridRisk-Delivery": delivery._id,
        "X-GridRisk-Event": delivery.eventType,
        "X-GridRisk-Signature": signWebhook(secret, delivery.payload, now),
      },
      body: delivery.payload,
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_LIMITS.timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return {
      status: response.status,
      error: response.ok ? null : `HTTP ${response.status}`,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    return { status: null, error: (error as Error).message, durationMs: Date.now() - started };
  }
}

/**
 * Sends every pending delivery that is due, oldest first. A 2xx delivers; anything else is
 * retried later with a doubling delay, and given up after the last attempt. Runs under the
 * scheduler's job lease, so one instance sends each slot.
 */
export async function deliverDueWebhooks(now = new Date()): Promise<{ delivered: number; failed: number }> {
  const due = (await WebhookDeliveryModel.find({ status: "pending", nextAttemptAt: trusted({ $lte: now }) })
    .sort({ nextAttemptAt: 1 })
    .limit(200)
    .lean()) as WebhookDeliveryDoc[];
  const hooks = new Map((await WebhookModel.find({}).lean()).map((hook) => [hook._id.toHexString(), hook] as const));
  let delivered = 0;
  let failed = 0;
  for (const delivery of due) {
    const hook = hooks.get(String(delivery.webhookId));
    if (!hook?.active) continue;
    const result = await attempt(hook.url, hook.secret, delivery, now);
    const attempts = [...(delivery.attempts ?? []), { at: now, ...result }];
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const givenUp = !ok && attempts.length >= WEBHOOK_LIMITS.maxAttempts;
    await WebhookDeliveryModel.updateOne(
      { _id: delivery._id },
      {
        $set: {
          attempts,
          status: ok ? "delivered" : givenUp ? "failed" : "pending",
          deliveredAt: ok ? now : null,
          nextAttemptAt:
            ok || givenUp
              ? null
              : new Date(
                  now.getTime() +
                    retryDelayMs(attempts.length, WEBHOOK_LIMITS.firstRetryDelayMs, WEBHOOK_LIMITS.maxRetryDelayMs),
                ),
        },
      },
    );
    if (ok) delivered += 1;
    else if (givenUp) failed += 1;
  }
  if (due.length) log.info("webhook deliveries", { due: due.length, delivered, failed });
  return { delivered, failed };
}

/** Removes finished deliveries older than the log's retention; pending ones always stay. */
export async function pruneWebhookDeliveries(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - WEBHOOK_LIMITS.logRetentionDays * 86_400_000);
  const finished: Record<string, unknown> = {
    status: trusted({ $in: ["delivered", "failed"] }),
    createdAt: trusted({ $lt: before }),
  };
  const result = await WebhookDeliveryModel.deleteMany(finished);
  return result.deletedCount ?? 0;
}
