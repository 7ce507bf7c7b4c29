/**
 * One write at a time from this process, when configured (DB_SERIAL_WRITES; `npm start` sets it
 * for its embedded FerretDB on SQLite).
 *
 * Why: SQLite has one writer. FerretDB gives each concurrent write its own connection, which
 * waits for the lock in SQLite's busy handler: sleeps of 1, 2, 5 … up to 100 ms, retried until the
 * lock is free, with no queue. Under 20 concurrent actions a writer that lost a few times sleeps
 * 100 ms at a go while others keep taking the lock, and actions took up to 4 s (p99). Queued here
 * in order instead, a write waits only for the writes before it. Reads are not gated (SQLite's WAL
 * lets them run beside the writer). On MongoDB or PostgreSQL leave it off.
 */
let enabled = false;
let tail: Promise<unknown> = Promise.resolve();

/** Turns the gate on or off (at start, from the configuration). */
export function configureWriteGate(on: boolean): void {
  enabled = on;
}

/** Runs `write` after the writes queued before it, when the gate is on; at once otherwise. */
export function gatedWrite<T>(write: () => Promise<T>): Promise<T> {
  if (!enabled) return write();
  const run = tail.then(write, write);
  tail = run.catch(() => undefined);
  return run;
}
