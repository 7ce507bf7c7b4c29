/**
 * Benchmark: the change-log reads every server instance makes all the time: each view that follows
 * the log (metrics facts, inspection tasks) asks every 2 s what came after the seq it holds, and
 * each reconnecting client's `sync` asks the same. Measured on a log of BENCH_LOG entries (default
 * 5,000, a busy day's worth), written with appendChange: `entriesSince` for "nothing new" (the
 * newest seq), "a few new" (10 behind) and "many new" (500 behind), against the baseline of the
 * same answer read as one range query sorted by seq (what every such read was before; on FerretDB's
 * SQLite backend it scans the whole log). Medians of BENCH_READS reads (default 7).
 * Run: npm run bench:changelog
 */
import { ChangeLogEntryModel, changeLogKey } from "@gridrisk/server/models/changeLogEntry";
import { appendChange, entriesSince, latestSeq } from "@gridrisk/server/realtime/changeLog";
import { report } from "./benchReport";
import { startEmptyBenchServer, timedCalls } from "./benchServer";

const LOG = Number(process.env.BENCH_LOG ?? 5000);
const READS = Number(process.env.BENCH_READS ?? 7);

const bench = await startEmptyBenchServer("bench_change_log");
try {
  const change = (index: number) => ({
    type: "transitioned" as const,
    event: { id: `event-${index}`, title: "某培训机构疑似预收费", status: "handling" } as never,
    regionPath: ["city", "district", "township", "grid"],
    departmentIds: ["education"],
    at: new Date(),
  });
  for (let start = 0; start < LOG; start += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, LOG - start) }, (_, offset) => appendChange(change(start + offset))),
    );
  }
  const newest = await latestSeq();
  // On its own SQLite files FerretDB gets its `_id` lookup index from the launcher's companion once
  // a new table's file has settled (about 2.5 s): a log a day old has had it all along.
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const median = async (read: () => Promise<unknown>) => Math.round((await timedCalls(READS, read)).p50 * 10) / 10;
  /** The baseline: one range read of the entries after `since`, by seq. */
  const rangeRead = (since: number, limit: number) =>
    ChangeLogEntryModel.collection
      .find({ _id: { $gt: changeLogKey(since) } } as never)
      .sort({ _id: 1 })
      .limit(limit + 1)
      .toArray();

  const cases = [
    { name: "nothing new", behind: 0 },
    { name: "10 new", behind: 10 },
    { name: "500 new", behind: 500 },
  ];
  const figures: Record<string, { entriesSinceMs: number; rangeReadMs: number; entries: number }> = {};
  for (const { name, behind } of cases) {
    const since = newest - behind;
    const found = await entriesSince(since, 2000);
    const entries = "entries" in found ? found.entries.length : -1;
    figures[name] = {
      entries,
      entriesSinceMs: await median(() => entriesSince(since, 2000)),
      rangeReadMs: await median(() => rangeRead(since, 2000)),
    };
    if (entries !== behind) throw new Error(`${name}: ${entries} entries instead of ${behind}`);
  }
  const idle = figures["nothing new"];
  await report(
    { database: bench.backend, logEntries: newest, reads: READS, figures },
    `change log: catch-up with nothing new ${idle?.entriesSinceMs} ms, 10 new ${figures["10 new"]?.entriesSinceMs} ms, 500 new ${figures["500 new"]?.entriesSinceMs} ms vs one range read ${idle?.rangeReadMs} / ${figures["10 new"]?.rangeReadMs} / ${figures["500 new"]?.rangeReadMs} ms (${newest} entries, medians of ${READS})`,
  );
} finally {
  await bench.stop();
}
process.exit(0);
