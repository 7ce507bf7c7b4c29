import type { Types } from "mongoose";
import { trusted } from "../database/trustedFilter";
import { type EventDoc, EventModel } from "../models/event";
import { distanceMeters } from "../territory/geometryMeasures";

const RADIUS_M = 100;
const WINDOW_MS = 24 * 3600_000;
const METRES_PER_DEGREE = 111_320;

/**
 * Possible duplicates of an event: open events about the same institution, or within 100 m and
 * 24 hours of it. A bounding box narrows them in the database (no geo operators on FerretDB);
 * the exact distance is measured here.
 */
export async function findMergeCandidates(event: {
  _id: Types.ObjectId;
  lng: number;
  lat: number;
  occurredAt: Date;
  institutionId?: Types.ObjectId | null;
}): Promise<EventDoc[]> {
  const dLat = RADIUS_M / METRES_PER_DEGREE;
  const dLng = dLat / Math.cos((event.lat * Math.PI) / 180);
  const open = trusted({ $nin: ["closed", "dismissed", "merged"] });
  const nearbyFilter: Record<string, unknown> = {
    _id: trusted({ $ne: event._id }),
    status: open,
    lng: trusted({ $gte: event.lng - dLng, $lte: event.lng + dLng }),
    lat: trusted({ $gte: event.lat - dLat, $lte: event.lat + dLat }),
    occurredAt: trusted({
      $gte: new Date(event.occurredAt.getTime() - WINDOW_MS),
      $lte: new Date(event.occurredAt.getTime() + WINDOW_MS),
    }),
  };
  const nearby = (await EventModel.find(nearbyFilter).select({ timeline: 0 }).lean()) as EventDoc[];
  const close = nearby.filter((candidate) => distanceMeters(event, candidate) <= RADIUS_M);
  const institutionFilter: Record<string, unknown> = {
    _id: trusted({ $ne: event._id }),
    status: open,
    institutionId: event.institutionId,
  };
  const sameInstitution = event.institutionId
    ? ((await EventModel.find(institutionFilter).select({ timeline: 0 }).limit(20).lean()) as EventDoc[])
    : [];
  const byId = new Map([...sameInstitution, ...close].map((candidate) => [candidate._id.toHexString(), candidate]));
  return [...byId.values()].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime()).slice(0, 20);
}
