import { randomUUID } from "node:crypto";
import { trusted } from "../database/trustedFilter";
import { JobLeaseModel } from "../models/jobLease";

/** This process, as a lease holder. */
export const INSTANCE_ID = randomUUID();

/** Takes the lease of `job` for the slot containing `now`; true when this instance got it. */
export async function takeJobLease(job: string, intervalMs: number, now: Date): Promise<boolean> {
  const slotStart = new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
  try {
    await JobLeaseModel.create({ _id: `${job}:${slotStart.toISOString()}`, job, holder: INSTANCE_ID, slotStart });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}

/** Deletes leases of slots that ended long ago. */
export async function pruneJobLeases(olderThan: Date): Promise<number> {
  return (await JobLeaseModel.deleteMany({ slotStart: trusted({ $lt: olderThan }) })).deletedCount;
}
