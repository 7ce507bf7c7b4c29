import { randomUUID } from "node:crypto";
import type { EventReportInput } from "@gridrisk/shared";
import { bearer } from "./accounts";
import { postJson, request } from "./http";

/** A valid report at (lng, lat). */
export function buildReport(lng: number, lat: number, overrides: Partial<EventReportInput> = {}) {
  return {
    title: "无证开展学科类培训",
    description: "小区内一处民房周末有学生出入，疑似无证开展学科类培训。",
    category: "unlicensed_training" as const,
    location: { type: "Point" as const, coordinates: [lng, lat] as [number, number] },
    ...overrides,
  };
}

/** Reports through the API with a fresh Idempotency-Key (or the one given). */
export function report(baseUrl: string, token: string, body: unknown, key: string = randomUUID()) {
  return postJson(`${baseUrl}/api/events`, body, { ...bearer(token), "Idempotency-Key": key });
}

/** Takes an action on an event through the API. */
export function act(baseUrl: string, token: string, eventId: string, body: Record<string, unknown>) {
  return postJson(`${baseUrl}/api/events/${eventId}/actions`, body, bearer(token));
}

/** Reads an event through the API. */
export async function readEvent(baseUrl: string, token: string, eventId: string) {
  return (await request(`${baseUrl}/api/events/${eventId}`, { headers: bearer(token) })).body.event;
}
