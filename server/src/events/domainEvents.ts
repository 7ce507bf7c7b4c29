import { EventEmitter } from "node:events";
import type { EventDoc } from "../models/event";

/** What happened to an event, for the live updates to carry to clients. */
export interface DomainEvent {
  type: "created" | "transitioned" | "overdue" | "urged";
  event: EventDoc;
  /** The action behind a transition. */
  action?: string;
  at: Date;
}

type Listener = (domainEvent: DomainEvent) => void;

/**
 * The one in-process bus of domain events. Commands publish after their write succeeded;
 * listeners (the realtime processor) must not throw into the command.
 */
class DomainEventBus {
  private readonly emitter = new EventEmitter();

  publish(domainEvent: DomainEvent): void {
    this.emitter.emit("domain-event", domainEvent);
  }

  subscribe(listener: Listener): () => void {
    const safe: Listener = (domainEvent) => {
      try {
        listener(domainEvent);
      } catch {
        // A failing listener is its own problem; the command has already succeeded.
      }
    };
    this.emitter.on("domain-event", safe);
    return () => this.emitter.off("domain-event", safe);
  }
}

export const domainEvents = new DomainEventBus();
