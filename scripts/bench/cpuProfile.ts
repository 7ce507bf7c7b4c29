import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";

/**
 * Runs `phase` under V8's CPU profiler when BENCH_CPU_PROFILE names a file (written as a
 * .cpuprofile that Chrome's DevTools open), so that where a benchmark's time goes can be read for
 * the measured phase alone, without setup. Without it, just runs `phase`.
 */
export async function profiled<T>(phase: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return phase();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await phase();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  }
}
