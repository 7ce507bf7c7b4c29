import type { EventChange } from "@gridrisk/shared";
import { useEffect, useRef } from "react";
import { socket } from "../api/socket";

/** Calls `onChange` for every `events:changed` message while mounted (the latest callback). */
export function useEventChanges(onChange: (change: EventChange) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const listener = (change: EventChange) => latest.current(change);
    socket.on("events:changed", listener);
    return () => {
      socket.off("events:changed", listener);
    };
  }, []);
}

/**
 * Calls `reload` when the socket connects again after a drop (or connects for the first time after
 * the page loaded without it): live messages sent meanwhile were missed, so the page reads afresh.
 */
export function useResync(reload: () => unknown): void {
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    let missed = !socket.connected;
    const onDisconnect = () => {
      missed = true;
    };
    const onConnect = () => {
      if (!missed) return;
      missed = false;
      latest.current();
    };
    socket.on("disconnect", onDisconnect);
    socket.on("connect", onConnect);
    return () => {
      socket.off("disconnect", onDisconnect);
      socket.off("connect", onConnect);
    };
  }, []);
}
