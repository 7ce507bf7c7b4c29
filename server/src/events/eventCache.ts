import type { EventDoc } from "../models/event";

/**
 * The latest version of recently touched events, as this instance last wrote or read them, so
 * that an action on an event does not have to read it back first.
 *
 * Safe although other instances change events too: every change of an event moves its version
 * and first claims the version it leaves (`<event>:<version>`, unique). A cached version that is
 * no longer current therefore either differs from the caller's expectedVersion (the caller is
 * sent to the database) or has been claimed already (its claim fails: 409 and a fresh read). A
 * given version of an event has one content, so a cached version equal to the current one is the
 * current event. Used only on the action path; reads for display always go to the database.
 */
const MAX_EVENTS = 2000;
const events = new Map<string, EventDoc>();

/** The cached event, or undefined. */
export function cachedEvent(id: string): EventDoc | undefined {
  const doc = events.get(id);
  if (doc) {
    // Map order is insertion order: move it to the young end.
    events.delete(id);
    events.set(id, doc);
  }
  return doc;
}

/** Remembers an event as read from or written to the database. */
export function cacheEvent(doc: EventDoc): void {
  const id = doc._id.toHexString();
  const known = events.get(id);
  if (known && known.version > doc.version) return;
  events.delete(id);
  events.set(id, doc);
  if (events.size > MAX_EVENTS) events.delete(events.keys().next().value as string);
}

/** Forgets one event (after a conflict) or all (tests that reset the database). */
export function forgetEvent(id?: string): void {
  if (id === undefined) events.clear();
  else events.delete(id);
}
