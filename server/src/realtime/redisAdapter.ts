import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import { createLogger } from "../logging/logger";

const log = createLogger("realtime");
/** The Redis stream that carries broadcasts between instances of this application. */
const STREAM_NAME = "gridrisk:socket.io";

/**
 * The Socket.IO adapter for several server instances: a broadcast on one reaches the sockets of
 * all. The Redis Streams adapter rather than the classic pub/sub one: messages go through a
 * stream each instance reads from its last offset, so a Redis disconnect delays them instead of
 * losing them, and it stores sessions for connection state recovery across instances (the
 * pub/sub adapter does neither). node-redis v5 is the client its documentation uses.
 */
export function redisAdapter(url: string) {
  // The adapter awaits its publish before it emits to this instance's own sockets. While Redis
  // is down, a queued publish would hold every local message (and pile up in memory) until it
  // returns; refused at once, the message reaches local sockets now and the other instances'
  // clients fill the gap from the change log (`sync`). The adapter's reading clients are
  // duplicates of this one and keep the offline queue, so their blocking reads wait for Redis
  // instead of failing in a busy loop.
  const client = createClient({ url, disableOfflineQueue: true });
  const duplicate = client.duplicate.bind(client);
  client.duplicate = ((overrides) =>
    duplicate({ ...overrides, disableOfflineQueue: false })) as typeof client.duplicate;
  client.on("error", (error: Error) => log.warn("redis error", { error: error.message }));
  // Not awaited: node-redis queues commands until it is connected and reconnects by itself, so
  // a Redis outage at start delays live messages between instances but does not stop the server.
  client.connect().catch((error: Error) => log.error("redis connection failed", { error: error.message }));
  return {
    // A stream of our own, so that other Socket.IO servers sharing the Redis do not cross-talk.
    adapter: createAdapter(client, { streamName: STREAM_NAME }),
    async close(): Promise<void> {
      if (client.isOpen) await client.close().catch(() => undefined);
    },
  };
}
