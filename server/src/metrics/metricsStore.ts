import mongoose from "mongoose";
import { domainEvents } from "../events/domainEvents";
import { createLogger } from "../logging/logger";
import { type EventDoc, EventModel } from "../models/event";
import { entriesSince, isEventEntry, latestSeq } from "../realtime/changeLog";
import { FACT_PROJECTION, type MetricFact, metricFactOf } from "./metricFact";

const log = createLogger("metrics");
/** How often a query also reads the change log, for changes made by other instances. */
const CATCH_UP_MS = 2000;
/** More changes than this behind: scan again rather than read each event. */
const MAX_CATCH_UP = 2000;

/**
 * One fact per event, in memory, so that the figures and the live map are computed without
 * reading the events collection (FerretDB v1 on SQLite scans all of it for any filter but `_id`).
 * Built by one projection scan on first use; kept current by this process's domain events at
 * once and by the change log (other instances' changes) within a few seconds.
 */
class MetricsStore {
  private facts = new Map<string, MetricFact>();
  private building: Promise<void> | undefined;
  /** The database the facts were read from: tests and the bench switch databases. */
  private database: string | undefined;
  private seq = 0;
  private lastCatchUp = 0;
  private catchingUp: Promise<void> | undefined;
  private subscribed = false;
  private builtAt = 0;

  /** Keeps a fact unless the one held is newer. */
  upsert(fact: MetricFact): void {
    const held = this.facts.get(fact.id);
    if (!held || held.version <= fact.version) this.facts.set(fact.id, fact);
  }

  /** The facts, built or brought up to date first. */
  async current(): Promise<Map<string, MetricFact>> {
    if (!this.subscribed) {
      this.subscribed = true;
      domainEvents.subscribe(({ event }) => {
        if (this.building) this.upsert(metricFactOf(event as EventDoc & { createdAt?: Date }));
      });
    }
    if (this.database !== mongoose.connection.name || !this.building) this.rebuild();
    await this.building;
    if (Date.now() - this.lastCatchUp > CATCH_UP_MS) {
      this.lastCatchUp = Date.now();
      this.catchingUp ??= this.catchUp()
        .catch((error: Error) => {
          log.warn("metrics catch-up failed", { error: error.message });
        })
        .finally(() => {
          this.catchingUp = undefined;
        });
    }
    return this.facts;
  }

  /** Starts building the facts in the background. */
  warmUp(): void {
    this.current().catch((error: Error) => log.warn("metrics facts not built", { error: error.message }));
  }

  /** When the facts were last complete (built or caught up). */
  asOf(): Date {
    return new Date(Math.max(this.builtAt, this.lastCatchUp));
  }

  /** Makes the next use scan again (after a bulk insert that published no domain events). */
  invalidate(): void {
    if (!this.building) return;
    this.rebuild().catch((error: Error) => log.warn("metrics facts not rebuilt", { error: error.message }));
  }

  /** Forgets every fact and scans again (after a bulk insert that published no domain events). */
  rebuild(): Promise<void> {
    this.database = mongoose.connection.name;
    this.facts = new Map();
    this.building = this.scan();
    return this.building;
  }

  private async scan(): Promise<void> {
    const started = Date.now();
    this.seq = await latestSeq();
    const cursor = EventModel.find({}, FACT_PROJECTION).lean().cursor({ batchSize: 2000 });
    for await (const doc of cursor) this.upsert(metricFactOf(doc as unknown as EventDoc));
    this.builtAt = Date.now();
    log.info("metrics facts built", { events: this.facts.size, durationMs: this.builtAt - started });
  }

  /** Re-reads, by _id, the events the change log names since the last look. */
  private async catchUp(): Promise<void> {
    const found = await entriesSince(this.seq, MAX_CATCH_UP);
    if ("tooOld" in found || found.entries.length > MAX_CATCH_UP) {
      await this.rebuild();
      return;
    }
    const ids = new Set(found.entries.filter(isEventEntry).map((entry) => (entry.event as { id: string }).id));
    for (const id of ids) {
      const doc = await EventModel.findById(id, FACT_PROJECTION).lean();
      if (doc) this.upsert(metricFactOf(doc as unknown as EventDoc));
    }
    const last = found.entries[found.entries.length - 1];
    if (last) this.seq = last._id;
  }
}

/** The process's facts of every event. */
export const metricsStore = new MetricsStore();
