import type { Server } from "socket.io";
import { createLogger } from "../logging/logger";

const log = createLogger("realtime");

/** Packets a socket may have waiting to be written before it is cut off. */
export const MAX_PENDING_PACKETS = 500;
const CHECK_MS = 1000;

/**
 * Cuts off clients that stopped reading. A broadcast never waits for a socket: each one's
 * packets queue in its engine.io write buffer, which only drains as the client reads. Unchecked,
 * a stalled client (a phone that lost its network without closing) would grow that buffer without
 * bound; so once it holds more than MAX_PENDING_PACKETS, the connection is closed and the buffer
 * discarded. The client reconnects and catches up through `sync`. Returns how to stop.
 */
export function guardAgainstSlowClients(io: Server, maxPending = MAX_PENDING_PACKETS): () => void {
  const timer = setInterval(() => {
    for (const socket of io.of("/").sockets.values()) {
      // engine.io keeps the buffer private; its length is the one measure of a stalled reader.
      const pending = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
      if (pending <= maxPending) continue;
      log.warn("client stopped reading; disconnecting", { userId: socket.data?.actor?.id, pending });
      socket.conn.close(true);
    }
  }, CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
