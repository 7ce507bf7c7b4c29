import { PRESENCE_LIMITS, REALTIME_LIMITS } from "@gridrisk/shared";
import { materialiseAllPlans } from "../inspections/taskMaterialiser";
import { createLogger } from "../logging/logger";
import { pruneChangeLog } from "../realtime/changeLog";
import { prunePresence } from "../realtime/presenceTracker";
import { deliverDueWebhooks, pruneWebhookDeliveries } from "../webhooks/webhookQueue";
import { sweepEarlyWarnings } from "./earlyWarningSweep";
import { pruneExpiredRecords } from "./housekeeping";
import { sweepOverdueInspections } from "./inspectionOverdueSweep";
import { pruneJobLeases, takeJobLease } from "./jobLease";
import { sweepOverdue } from "./overdueSweep";

const log = createLogger("jobs");

/** A periodic job: it runs once per interval across all instances. */
interface Job {
  name: string;
  intervalMs: number;
  run(now: Date): Promise<unknown>;
}

const JOBS: Job[] = [
  { name: "overdue-sweep", intervalMs: 60_000, run: sweepOverdue },
  { name: "webhook-delivery", intervalMs: 10_000, run: deliverDueWebhooks },
  { name: "webhook-delivery-pruning", intervalMs: 3600_000, run: pruneWebhookDeliveries },
  { name: "housekeeping", intervalMs: 3600_000, run: pruneExpiredRecords },
  { name: "inspection-materialisation", intervalMs: 600_000, run: materialiseAllPlans },
  { name: "inspection-overdue-sweep", intervalMs: 60_000, run: sweepOverdueInspections },
  { name: "early-warning-sweep", intervalMs: 300_000, run: sweepEarlyWarnings },
  {
    name: "lease-pruning",
    intervalMs: 3600_000,
    run: (now) => pruneJobLeases(new Date(now.getTime() - 24 * 3600_000)),
  },
  {
    name: "change-log-pruning",
    intervalMs: 3600_000,
    run: (now) => pruneChangeLog(new Date(now.getTime() - REALTIME_LIMITS.changeLogRetentionHours * 3600_000)),
  },
  {
    name: "presence-pruning",
    intervalMs: 60_000,
    run: (now) => prunePresence(new Date(now.getTime() - PRESENCE_LIMITS.staleAfterMs)),
  },
];

/**
 * Starts the jobs. Every instance ticks; a lease per job and time slot lets one of them run each
 * slot. `clock` is injectable so tests can move time. Returns a function that stops the ticking.
 */
export function startScheduler(clock: () => Date = () => new Date(), tickMs = 5_000): () => void {
  const running = new Set<string>();
  const tick = async () => {
    const now = clock();
    for (const job of JOBS) {
      if (running.has(job.name)) continue;
      running.add(job.name);
      takeJobLease(job.name, job.intervalMs, now)
        .then((leased) => (leased ? job.run(now) : undefined))
        .catch((error: Error) => log.warn("job failed", { job: job.name, error: error.message }))
        .finally(() => running.delete(job.name));
    }
  };
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
