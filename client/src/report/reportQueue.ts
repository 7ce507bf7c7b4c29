import { type EventReportInput, isRetryableAnswer } from "@gridrisk/shared";
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import { uploadPhoto } from "../api/attachments";
import { ApiError, api, OfflineError } from "../api/http";

/** Where a report stands on this phone. */
export type QueuedState = "waiting" | "sending" | "sent" | "failed";

/** A report with what it needs to be sent later: its own idempotency key and its photos. */
export interface QueuedReport {
  /** The Idempotency-Key, made when the user pressed send; every retry reuses it. */
  key: string;
  body: Omit<EventReportInput, "attachments">;
  /** Resized photos not uploaded yet. */
  photos: Blob[];
  /** Attachments already uploaded (so a retry does not upload them twice). */
  attachmentIds: string[];
  createdAt: string;
  state: QueuedState;
  /** The event code, once sent. */
  code?: string;
  /** Why it failed (the server's message). */
  error?: string;
}

interface GridriskDb extends DBSchema {
  reportQueue: { key: string; value: QueuedReport; indexes: { createdAt: string } };
}

const DB_NAME = "gridrisk";
const STORE = "reportQueue";
let dbPromise: Promise<IDBPDatabase<GridriskDb>> | undefined;

function db(): Promise<IDBPDatabase<GridriskDb>> {
  dbPromise ??= openDB<GridriskDb>(DB_NAME, 1, {
    upgrade(database) {
      if (!database.objectStoreNames.contains(STORE)) {
        const store = database.createObjectStore(STORE, { keyPath: "key" });
        store.createIndex("createdAt", "createdAt");
      }
    },
  });
  return dbPromise;
}

const listeners = new Set<() => void>();

/** Calls `listener` whenever the queue changes; returns the unsubscribe function. */
export function subscribeQueue(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  for (const listener of listeners) listener();
}

/** Every queued report, oldest first. */
export async function listQueued(): Promise<QueuedReport[]> {
  return (await db()).getAllFromIndex(STORE, "createdAt");
}

/** Keeps (or overwrites) a report in the queue. */
export async function putQueued(report: QueuedReport): Promise<void> {
  await (await db()).put(STORE, report);
  changed();
}

/** Forgets a report (a sent or given-up one). */
export async function removeQueued(key: string): Promise<void> {
  await (await db()).delete(STORE, key);
  changed();
}

/** A fresh idempotency key. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID exists only in secure contexts; a phone on plain http on the LAN still needs a key.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

interface CreatedEvent {
  event: { id: string; code: string };
}

/**
 * Sends one report: uploads its remaining photos (recording each id in `report` as it goes, so
 * a retry continues where it stopped), then POST /api/events with the report's own key.
 * Throws OfflineError or ApiError like `api()`; `onProgress` sees the report after each upload.
 */
export async function sendReport(
  report: QueuedReport,
  onProgress?: (report: QueuedReport) => Promise<void> | void,
): Promise<string> {
  for (let photo = report.photos[0]; photo; photo = report.photos[0]) {
    const rest = report.photos.slice(1);
    const attachmentId = await uploadPhoto(photo, "report");
    report.attachmentIds = [...report.attachmentIds, attachmentId];
    report.photos = rest;
    await onProgress?.(report);
  }
  const body: EventReportInput = {
    ...report.body,
    ...(report.attachmentIds.length > 0 ? { attachments: report.attachmentIds } : {}),
  };
  const created = await api<CreatedEvent>("/api/events", {
    method: "POST",
    json: body,
    headers: { "Idempotency-Key": report.key },
  });
  return created.event.code;
}

let flushing: Promise<void> | undefined;
let flushAgain = false;

/** Sends every waiting report (and any left "sending" by a reload), one at a time; never two flushes at once. */
export function flushQueue(): Promise<void> {
  if (flushing) {
    flushAgain = true;
    return flushing;
  }
  flushing = (async () => {
    try {
      do {
        flushAgain = false;
        for (const report of await listQueued()) {
          if (report.state !== "waiting" && report.state !== "sending") continue;
          if (!navigator.onLine) return;
          const stop = await flushOne(report);
          if (stop) return;
        }
      } while (flushAgain);
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}

/** Sends one queued report; true when the network is gone and flushing should stop. */
async function flushOne(report: QueuedReport): Promise<boolean> {
  await putQueued({ ...report, state: "sending" });
  try {
    const code = await sendReport({ ...report, state: "sending" }, (progress) => putQueued(progress));
    const latest = (await listQueued()).find((r) => r.key === report.key) ?? report;
    await putQueued({ ...latest, photos: [], state: "sent", code, error: undefined });
    return false;
  } catch (error) {
    const latest = (await listQueued()).find((r) => r.key === report.key) ?? report;
    if (error instanceof OfflineError || (error instanceof ApiError && isRetryableAnswer(error.status, error.code))) {
      await putQueued({ ...latest, state: "waiting" });
      return true;
    }
    const message = error instanceof ApiError ? describeApiError(error) : (error as Error).message;
    await putQueued({ ...latest, state: "failed", error: message });
    return false;
  }
}

/** A server error as one line: its message and its field issues. */
export function describeApiError(error: ApiError): string {
  const issues = error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  return [error.message, ...issues].join(" · ");
}
