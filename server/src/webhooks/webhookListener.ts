import { domainEvents } from "../events/domainEvents";
import { createLogger } from "../logging/logger";
import { enqueueWebhookDeliveries } from "./webhookQueue";

const log = createLogger("webhooks");

/** Queues webhook deliveries for every domain event of this instance; returns the unsubscribe. */
export function listenForWebhookEvents(): () => void {
  return domainEvents.subscribe((domainEvent) => {
    enqueueWebhookDeliveries(domainEvent).catch((error: Error) =>
      log.warn("webhook queueing failed", { error: error.message, eventId: String(domainEvent.event._id) }),
    );
  });
}
