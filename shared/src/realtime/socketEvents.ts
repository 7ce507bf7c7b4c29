import type { EventCategory, EventStatus, Severity } from "../events";
import type { PointGeometry } from "../territory";

/** What happened to an event, as live messages name it. */
export const LIVE_CHANGE_TYPES = ["created", "transitioned", "overdue", "urged"] as const;
export type LiveChangeType = (typeof LIVE_CHANGE_TYPES)[number];

/** The event as a live message carries it (the server may send more fields of its summary). */
export interface LiveEventView {
  id: string;
  code: string;
  status: EventStatus;
  severity: Severity;
  category: EventCategory;
  location: PointGeometry;
  gridId: string;
  regionPath: string[];
  /** Clients keep the highest version per event and ignore older ones. */
  version: number;
  updatedAt: string;
  deadlines: { assessment?: string; handling?: string; followUp?: string };
}

/**
 * One change of an event. `seq` rises by exactly one per change across all server instances;
 * a client that sees a gap (or reconnects) asks `sync` for what it missed.
 */
export interface EventChange {
  seq: number;
  type: LiveChangeType;
  event: LiveEventView;
}

/** Acknowledgement of `sync`: the missed changes the user may see, oldest first, or "reload". */
export type SyncAck =
  /** `seq`: the last change looked at (seen or not), the next `since`; `inspections`: the task changes. */
  | { changes: EventChange[]; inspections: InspectionTaskLiveChange[]; seq: number }
  /** `since` is older than the oldest kept change (or unknown): reload over REST, continue from `seq`. */
  | { resync: true; seq: number };

/** An inspection task as a live message carries it (the server sends every field of its presenter). */
export interface InspectionTaskView {
  id: string;
  status: string;
  overdue: boolean;
  version: number;
  regionPath: string[];
  [field: string]: unknown;
}

/**
 * One change of an inspection task. It takes its `seq` from the same change log as events, so
 * `sync` returns the task changes a client missed too (in `inspections`).
 */
export interface InspectionTaskLiveChange {
  seq: number;
  type: "updated" | "overdue";
  task: InspectionTaskView;
}

/** What the server sends. */
export interface ServerToClientEvents {
  "events:changed": (change: EventChange) => void;
  "inspections:changed": (change: InspectionTaskLiveChange) => void;
}

/** What a client sends. */
export interface ClientToServerEvents {
  /** Asks for every change after `since` (the last seq the client applied). */
  sync: (request: { since: number }, ack: (answer: SyncAck) => void) => void;
}

/** Limits of the live connection. */
export const REALTIME_LIMITS = {
  /** Most changes one `sync` answers; further behind means reload. */
  maxSyncChanges: 1000,
  /** How long the server keeps changes for `sync`. */
  changeLogRetentionHours: 24,
  /** Socket.IO error message of a refused handshake. */
  unauthenticated: "unauthenticated",
} as const;
