import mongoose from "mongoose";
import { createLogger } from "../logging/logger";
import type { ChangeLogEntryDoc } from "../models/changeLogEntry";
import { entriesSince, latestSeq } from "./changeLog";

const log = createLogger("realtime");
/** How often a read also looks at the change log, for changes made by other instances. */
const CATCH_UP_MS = 2000;
/** More changes than this behind: scan again rather than read each one. */
const MAX_CATCH_UP = 2000;

/**
 * An in-memory view of a collection that FerretDB/SQLite could only scan: built by one scan on
 * first use (or at start), kept current by this process's domain events at once (the subclass
 * subscribes) and by the change log (other instances' changes) within a few seconds. The metrics
 * facts and the inspection task store are two.
 */
export abstract class ChangeLogFollower {
  private building: Promise<void> | undefined;
  /** The database the view was read from: tests and the benchmarks switch databases. */
  private database: string | undefined;
  private seq = 0;
  private lastCatchUp = 0;
  private catchingUp: Promise<void> | undefined;
  private subscribed = false;
  private builtAt = 0;

  constructor(private readonly label: string) {}

  /** Forgets everything held. */
  protected abstract clear(): void;
  /** Reads every document afresh. */
  protected abstract scan(): Promise<void>;
  /** Re-reads what the entries name (entries of every kind come here). */
  protected abstract apply(entries: readonly ChangeLogEntryDoc[]): Promise<void>;
  /** Subscribes to this process's changes, once. */
  protected abstract subscribe(): void;

  /** Whether a build has started (changes before it are read by the scan). */
  protected get started(): boolean {
    return this.building !== undefined;
  }

  /** Builds the view or brings it up to date first. */
  protected async ready(): Promise<void> {
    if (!this.subscribed) {
      this.subscribed = true;
      this.subscribe();
    }
    if (this.database !== mongoose.connection.name || !this.building) this.rebuild();
    await this.building;
    if (Date.now() - this.lastCatchUp > CATCH_UP_MS) {
      this.startCatchUp();
    }
  }

  /** Whether the view is complete for the current database (built, not being rebuilt). */
  get built(): boolean {
    return this.builtAt > 0 && this.database === mongoose.connection.name;
  }

  /**
   * Builds the view or brings it up to date, and reads the change log first unless that was done
   * less than `maxAgeMs` ago: for reads that must see other instances' recent changes (a change
   * log read that finds nothing new costs one lookup by `_id`).
   */
  protected async upToDate(maxAgeMs: number): Promise<void> {
    await this.ready();
    if (Date.now() - this.lastCatchUp > maxAgeMs) {
      this.startCatchUp();
    }
    await this.catchingUp;
  }

  /** Starts building in the background. */
  warmUp(): void {
    this.ready().catch((error: Error) => log.warn(`${this.label} not built`, { error: error.message }));
  }

  /** When the view was last complete (built or caught up). */
  asOf(): Date {
    return new Date(Math.max(this.builtAt, this.lastCatchUp));
  }

  /** Forgets everything and scans again (after a bulk insert that published no domain events). */
  rebuild(): Promise<void> {
    this.database = mongoose.connection.name;
    this.builtAt = 0;
    this.clear();
    this.building = (async () => {
      this.seq = await latestSeq();
      this.lastCatchUp = Date.now();
      await this.scan();
      this.builtAt = Date.now();
    })();
    return this.building;
  }

  /** Reads the change log in the background, unless a read is already under way. */
  private startCatchUp(): void {
    this.lastCatchUp = Date.now();
    this.catchingUp ??= this.catchUp()
      .catch((error: Error) => {
        log.warn(`${this.label} catch-up failed`, { error: error.message });
      })
      .finally(() => {
        this.catchingUp = undefined;
      });
  }

  private async catchUp(): Promise<void> {
    const found = await entriesSince(this.seq, MAX_CATCH_UP);
    if ("tooOld" in found || found.entries.length > MAX_CATCH_UP) {
      await this.rebuild();
      return;
    }
    await this.apply(found.entries);
    const last = found.entries.at(-1);
    if (last) this.seq = last.seq;
  }
}
