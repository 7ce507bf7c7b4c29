import { isDuplicateKey } from "../database/duplicateKey";
import { INSTANCE_ID } from "../jobs/jobLease";
import { EventCodeBlockModel } from "../models/eventCodeBlock";

/** Numbers per reserved block; a restart leaves the rest of its block unused (codes may skip). */
export const CODE_BLOCK_SIZE = 50;
const PREFIX = "HA";

let current: { year: number; next: number; end: number } | undefined;
let reserving: Promise<void> | undefined;

async function reserveBlock(year: number): Promise<void> {
  const highest = await EventCodeBlockModel.findOne({ year }).sort({ block: -1 }).lean();
  for (let block = (highest?.block ?? -1) + 1; ; block++) {
    try {
      await EventCodeBlockModel.create({
        _id: `${year}:${block}`,
        year,
        block,
        holder: INSTANCE_ID,
        reservedAt: new Date(),
      });
      current = { year, next: block * CODE_BLOCK_SIZE + 1, end: (block + 1) * CODE_BLOCK_SIZE };
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

/** The next human event code of the year, e.g. HA-2026-000123 (Asia/Shanghai year). */
export async function nextEventCode(now: Date): Promise<string> {
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  while (!current || current.year !== year || current.next > current.end) {
    reserving ??= reserveBlock(year).finally(() => {
      reserving = undefined;
    });
    await reserving;
  }
  const number = current.next;
  current.next += 1;
  return `${PREFIX}-${year}-${String(number).padStart(6, "0")}`;
}

/** Forgets the reserved block (tests that drop the database). */
export function resetEventCodes(): void {
  current = undefined;
}
