import { randomUUID } from "node:crypto";
import { isRetryableAnswer } from "@gridrisk/shared";
import { buildReport, report } from "./eventHelpers";

/** What a retrying client saw for one report. */
export interface ReportOutcome {
  title: string;
  key: string;
  /** The event id of the 201 that acknowledged it; undefined when the client gave up. */
  eventId?: string;
  attempts: number;
  /** Statuses of the failed attempts (0: no answer at all). */
  failures: number[];
}

/**
 * Sends one report the way the offline queue of the client does: one Idempotency-Key, retried
 * on no answer or a retryable answer (`isRetryableAnswer`) until a 201 or the deadline.
 */
export async function reportWithRetries(
  baseUrl: string,
  token: string,
  title: string,
  point: [number, number],
  deadline: number,
): Promise<ReportOutcome> {
  const outcome: ReportOutcome = { title, key: randomUUID(), attempts: 0, failures: [] };
  const body = buildReport(point[0], point[1], { title });
  let pause = 100;
  while (Date.now() < deadline) {
    outcome.attempts += 1;
    const res = await report(baseUrl, token, body, outcome.key).catch(() => ({ status: 0, body: undefined }));
    if (res.status === 201) {
      outcome.eventId = (res.body as { event: { id: string } }).event.id;
      return outcome;
    }
    outcome.failures.push(res.status);
    const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
    if (res.status !== 0 && !isRetryableAnswer(res.status, code)) return outcome;
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 1000);
  }
  return outcome;
}

/**
 * `clients` concurrent clients each sending reports one after another until `stop()` says so;
 * resolves with every outcome once the last client is done.
 */
export async function reportLoad(options: {
  baseUrl: string;
  token: string;
  clients: number;
  stop: () => boolean;
  deadline: number;
  point: (index: number) => [number, number];
}): Promise<ReportOutcome[]> {
  const outcomes: ReportOutcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (!options.stop() && Date.now() < options.deadline) {
        const index = next++;
        outcomes.push(
          await reportWithRetries(
            options.baseUrl,
            options.token,
            `负载上报 ${index}`,
            options.point(index),
            options.deadline,
          ),
        );
      }
    }),
  );
  return outcomes;
}
