import { type WebhookDoc, WebhookModel } from "../models/webhook";

/**
 * How long the list of active webhooks is reused. Every created or changed event asks for it; a
 * query per event was a collection scan on the hottest path. A change made on this instance
 * applies at once (the webhook routes call `forgetActiveWebhooks`); one made on another instance
 * within this many milliseconds.
 */
export const ACTIVE_WEBHOOKS_CACHE_MS = 10_000;

let cached: { hooks: Promise<WebhookDoc[]>; until: number } | undefined;

/** The active webhooks, read at most once per ACTIVE_WEBHOOKS_CACHE_MS. */
export function activeWebhooks(now = Date.now()): Promise<WebhookDoc[]> {
  if (cached && cached.until > now) return cached.hooks;
  const hooks = WebhookModel.find({ active: true }).lean<WebhookDoc[]>().exec();
  cached = { hooks, until: now + ACTIVE_WEBHOOKS_CACHE_MS };
  // A failed read is not remembered: the next event asks again.
  hooks.catch(() => {
    if (cached?.hooks === hooks) cached = undefined;
  });
  return hooks;
}

/** Drops the remembered list (after a webhook is created, changed or deleted; tests that reset the database). */
export function forgetActiveWebhooks(): void {
  cached = undefined;
}
