import { randomUUID } from "node:crypto";
import { PRESENCE_LIMITS } from "@gridrisk/shared";
import type { Server } from "socket.io";
import { bulkWriteInBatches } from "../database/bulkWriteBatches";
import { trusted } from "../database/trustedFilter";
import { createLogger } from "../logging/logger";
import { type PresenceEntryDoc, PresenceEntryModel } from "../models/presenceEntry";
import type { Actor } from "../policies/actor";
import { territory } from "../territory/territoryCache";
import type { SocketData } from "./socketAuth";

const log = createLogger("realtime");

/**
 * Presence without Redis: one `presence` document per open socket, written by the instance that
 * holds it. Liveness has two layers. Socket.IO's own ping/pong (every 25 s, 20 s to answer) is
 * the client's heartbeat: a client that vanishes is disconnected, and its entry removed. The
 * instance then confirms its own sockets every PRESENCE_LIMITS.heartbeatMs by refreshing
 * `lastSeen`; that is the instance's heartbeat, so the entries of a crashed instance go stale
 * and are ignored. Doing it server-side needs no client code and one bulk write per instance
 * per interval, instead of one request per client. After a restart, clients reconnect and are
 * written again.
 */

/** The townships the actor works in: those of its scope, or the township above a scope region. */
export function townshipsOf(actor: Pick<Actor, "scope">): string[] {
  const registry = territory();
  const ids = new Set<string>();
  for (const regionId of actor.scope) {
    for (const region of registry.pathOf(regionId)) if (region.level === "township") ids.add(region.id);
  }
  return [...ids];
}

/**
 * Records the sockets of `io` in the presence collection while they are connected and refreshes
 * them every `heartbeatMs`. Returns how to stop (the entries stay, and go stale).
 */
export function trackPresence(io: Server, heartbeatMs: number = PRESENCE_LIMITS.heartbeatMs): () => void {
  const instanceId = randomUUID();
  const local = new Map<string, PresenceEntryDoc>();
  // One queue per instance: a socket's removal can never be overtaken by its own write.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (what: string, write: () => Promise<unknown>) => {
    queue = queue.then(write).catch((error: Error) => log.warn(`presence ${what} failed`, { error: error.message }));
  };
  const upsert = (entries: PresenceEntryDoc[]) =>
    bulkWriteInBatches(
      PresenceEntryModel,
      entries.map(({ _id, ...fields }) => ({
        updateOne: { filter: { _id }, update: { $set: fields }, upsert: true },
      })),
      { ordered: false },
    );

  const onConnection = (socket: {
    id: string;
    data: SocketData;
    on(event: "disconnect", listener: () => void): void;
  }) => {
    const { actor } = socket.data;
    const now = new Date();
    const entry: PresenceEntryDoc = {
      _id: socket.id,
      userId: actor.id,
      name: actor.name,
      role: actor.role,
      townshipIds: townshipsOf(actor),
      departmentId: actor.departmentId ?? null,
      instanceId,
      connectedAt: now,
      lastSeen: now,
    };
    local.set(socket.id, entry);
    enqueue("write", () => upsert([entry]));
    socket.on("disconnect", () => {
      local.delete(socket.id);
      enqueue("removal", () => PresenceEntryModel.deleteOne({ _id: socket.id }));
    });
  };
  io.on("connection", onConnection);

  const timer = setInterval(() => {
    const lastSeen = new Date();
    const entries = [...local.values()].map((entry) => Object.assign(entry, { lastSeen }));
    if (entries.length > 0) enqueue("heartbeat", () => upsert(entries));
  }, heartbeatMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    io.off("connection", onConnection);
  };
}

/** Deletes entries not confirmed since `olderThan` (their instance is gone). */
export async function prunePresence(olderThan: Date): Promise<number> {
  const result = await PresenceEntryModel.deleteMany({ lastSeen: trusted({ $lt: olderThan }) });
  return result.deletedCount;
}

/** The live entries (whole collection: it holds one small document per open socket). */
export async function livePresenceEntries(now = new Date()): Promise<PresenceEntryDoc[]> {
  const cutoff = now.getTime() - PRESENCE_LIMITS.staleAfterMs;
  const entries = await PresenceEntryModel.find({}).lean<PresenceEntryDoc[]>();
  return entries.filter((entry) => entry.lastSeen.getTime() >= cutoff);
}
