import type { InspectionTaskLiveChange } from "@gridrisk/shared";
import { useEffect, useRef } from "react";
import { socket } from "../api/socket";

/** An inspection task as the API presents it. */
export interface InspectionTask {
  id: string;
  planId: string;
  planName: string;
  occurrenceDate: string;
  startsAt: string;
  endsAt: string;
  institution: { id: string; name: string; address: string };
  location: { lng: number; lat: number };
  riskScore: number;
  checklist: string[];
  answers: { index: number; result: "pass" | "fail" | "not_applicable"; note?: string }[];
  findings: { id: string; text: string; photoIds: string[]; eventId: string | null }[];
  checkIn: { at: string; location: { lng: number; lat: number }; distanceMeters: number; far: boolean } | null;
  status: "open" | "in_progress" | "done";
  overdue: boolean;
  version: number;
}

/** Calls `onChange` for every `inspections:changed` message while mounted. */
export function useInspectionChanges(onChange: (change: InspectionTaskLiveChange) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const listener = (change: InspectionTaskLiveChange) => latest.current(change);
    socket.on("inspections:changed", listener);
    return () => {
      socket.off("inspections:changed", listener);
    };
  }, []);
}

/** "HH:MM" of an instant, Asia/Shanghai. */
export function shanghaiTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}

/** The task page's path (the id holds colons). */
export const taskPath = (id: string) => `/tasks/${encodeURIComponent(id)}`;
