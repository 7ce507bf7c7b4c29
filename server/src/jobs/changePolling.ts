import type { Logger } from "winston";

/**
 * Runs `check` every `intervalMs` so that every instance picks up a change made on another one
 * (FerretDB has no change streams); failures are logged, not thrown. Returns a function that
 * stops the polling.
 */
export function pollForChanges(
  what: string,
  check: () => Promise<unknown>,
  intervalMs: number,
  log: Logger,
): () => void {
  const timer = setInterval(() => {
    check().catch((error: Error) => log.warn(`${what} check failed`, { error: error.message }));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
