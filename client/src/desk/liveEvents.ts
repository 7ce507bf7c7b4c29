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
