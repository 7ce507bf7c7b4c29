import { trusted } from "../database/trustedFilter";
import { createLogger } from "../logging/logger";
import { type EventDoc, EventModel } from "../models/event";
import { distanceMeters } from "../territory/geometryMeasures";
import { domainEvents } from "./domainEvents";

const log = createLogger("events");
const WINDOW_MS = 24 * 3600_000;
const KEEP_MS = 2 * WINDOW_MS;
const RADIUS_M = 100;
const FINAL = new Set(["closed", "dismissed", "merged"]);
/** Degrees per grid cell: about 1 km, so a 100 m search looks at no more than 4 cells. */
const CELL = 0.01;

type Recent = Omit<EventDoc, "timeline">;

function addTo(buckets: Map<string, Set<string>>, key: string, id: string): void {
  const bucket = buckets.get(key) ?? new Set<string>();
  bucket.add(id);
  buckets.set(key, bucket);
}

/**
 * Open events of the last two days in memory, bucketed by ~1 km cell and by institution, so that
 * a report can list possible duplicates without a scan (FerretDB v1 scans the whole collection
 * for range filters). Fed by the domain event bus; loaded from the database at start.
 */
class RecentEventIndex {
  private readonly byId = new Map<string, Recent>();
  private readonly cells = new Map<string, Set<string>>();
  private readonly institutions = new Map<string, Set<string>>();
  private upserts = 0;

  private cellKey(lng: number, lat: number): string {
    return `${Math.floor(lng / CELL)}:${Math.floor(lat / CELL)}`;
  }

  remove(id: string): void {
    const previous = this.byId.get(id);
    if (!previous) return;
    this.cells.get(this.cellKey(previous.lng, previous.lat))?.delete(id);
    if (previous.institutionId) this.institutions.get(previous.institutionId.toHexString())?.delete(id);
    this.byId.delete(id);
  }

  upsert(event: Recent, now = Date.now()): void {
    if (++this.upserts % 500 === 0) this.prune(now);
    const id = event._id.toHexString();
    this.remove(id);
    if (FINAL.has(event.status) || event.occurredAt.getTime() < now - KEEP_MS) return;
    const { timeline: _timeline, ...summary } = event as EventDoc;
    this.byId.set(id, summary);
    addTo(this.cells, this.cellKey(event.lng, event.lat), id);
    if (event.institutionId) addTo(this.institutions, event.institutionId.toHexString(), id);
  }

  /** Open events within 100 m and 24 h of the event, or about the same institution. */
  candidatesFor(event: Pick<EventDoc, "_id" | "lng" | "lat" | "occurredAt" | "institutionId">): Recent[] {
    const found = new Map<string, Recent>();
    const span = Math.ceil(RADIUS_M / 1000 / (CELL * 100)) || 1;
    const [cx, cy] = [Math.floor(event.lng / CELL), Math.floor(event.lat / CELL)];
    for (let dx = -span; dx <= span; dx++) {
      for (let dy = -span; dy <= span; dy++) {
        for (const id of this.cells.get(`${cx + dx}:${cy + dy}`) ?? []) {
          const other = this.byId.get(id);
          if (
            other &&
            Math.abs(other.occurredAt.getTime() - event.occurredAt.getTime()) <= WINDOW_MS &&
            distanceMeters(event, other) <= RADIUS_M
          ) {
            found.set(id, other);
          }
        }
      }
    }
    for (const id of event.institutionId ? (this.institutions.get(event.institutionId.toHexString()) ?? []) : []) {
      const other = this.byId.get(id);
      if (other) found.set(id, other);
    }
    found.delete(event._id.toHexString());
    return [...found.values()].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime()).slice(0, 20);
  }

  /** Drops what has aged out. */
  prune(now = Date.now()): void {
    for (const [id, event] of this.byId) if (event.occurredAt.getTime() < now - KEEP_MS) this.remove(id);
  }

  clear(): void {
    this.byId.clear();
    this.cells.clear();
    this.institutions.clear();
  }

  get size(): number {
    return this.byId.size;
  }
}

export const recentEvents = new RecentEventIndex();

domainEvents.subscribe(({ event }) => recentEvents.upsert(event));

/** Loads the open events of the last two days (one scan, at start). */
export async function loadRecentEvents(now = new Date()): Promise<void> {
  recentEvents.clear();
  const filter: Record<string, unknown> = {
    occurredAt: trusted({ $gte: new Date(now.getTime() - KEEP_MS) }),
    status: trusted({ $nin: [...FINAL] }),
  };
  const docs = (await EventModel.find(filter).select({ timeline: 0 }).lean()) as Recent[];
  for (const doc of docs) recentEvents.upsert(doc, now.getTime());
  log.info("recent events loaded", { events: recentEvents.size });
}
