import { domainEvents } from "../events/domainEvents";
import { createLogger } from "../logging/logger";
import type { ChangeLogEntryDoc } from "../models/changeLogEntry";
import { type EventDoc, EventModel } from "../models/event";
import { isEventEntry } from "../realtime/changeLog";
import { ChangeLogFollower } from "../realtime/changeLogFollower";
import { FACT_PROJECTION, type MetricFact, metricFactOf } from "./metricFact";

const log = createLogger("metrics");

/**
 * One fact per event, in memory, so that the figures and the live map are computed without
 * reading the events collection (FerretDB v1 on SQLite scans all of it for any filter but `_id`).
 * Built by one projection scan on first use; kept current by this process's domain events at
 * once and by the change log (other instances' changes) within a few seconds.
 */
class MetricsStore extends ChangeLogFollower {
  private facts = new Map<string, MetricFact>();

  constructor() {
    super("metrics facts");
  }

  /** Keeps a fact unless the one held is newer. */
  upsert(fact: MetricFact): void {
    const held = this.facts.get(fact.id);
    if (!held || held.version <= fact.version) this.facts.set(fact.id, fact);
  }

  /** The facts, built or brought up to date first. */
  async current(): Promise<Map<string, MetricFact>> {
    await this.ready();
    return this.facts;
  }

  /**
   * The facts, with other instances' changes of the last `maxAgeMs` read from the change log
   * first (see ChangeLogFollower.upToDate): what the event list reads.
   */
  async fresh(maxAgeMs: number): Promise<Map<string, MetricFact>> {
    await this.upToDate(maxAgeMs);
    return this.facts;
  }

  /** Makes the next use scan again (after a bulk insert that published no domain events). */
  invalidate(): void {
    if (!this.started) return;
    this.rebuild().catch((error: Error) => log.warn("metrics facts not rebuilt", { error: error.message }));
  }

  protected subscribe(): void {
    domainEvents.subscribe(({ event }) => {
      if (this.started) this.upsert(metricFactOf(event as EventDoc & { createdAt?: Date }));
    });
  }

  protected clear(): void {
    this.facts = new Map();
  }

  protected async scan(): Promise<void> {
    const started = Date.now();
    const cursor = EventModel.find({}, FACT_PROJECTION).lean().cursor({ batchSize: 2000 });
    for await (const doc of cursor) this.upsert(metricFactOf(doc as unknown as EventDoc));
    log.info("metrics facts built", { events: this.facts.size, durationMs: Date.now() - started });
  }

  /** Re-reads, by _id, the events the change log names since the last look. */
  protected async apply(entries: readonly ChangeLogEntryDoc[]): Promise<void> {
    const ids = new Set(entries.filter(isEventEntry).map((entry) => (entry.event as { id: string }).id));
    for (const id of ids) {
      const doc = await EventModel.findById(id, FACT_PROJECTION).lean();
      if (doc) this.upsert(metricFactOf(doc as unknown as EventDoc));
    }
  }
}

/** The process's facts of every event. */
export const metricsStore = new MetricsStore();
