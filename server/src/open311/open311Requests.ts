import { randomUUID } from "node:crypto";
import {
  EVENT_LIMITS,
  type EventCategoryEntry,
  OPEN311_LIMITS,
  type Open311RequestCreateInput,
  type Open311RequestListQuery,
} from "@gridrisk/shared";
import { Types } from "mongoose";
import { eventCategories } from "../commands/catalogs";
import { reportEvent } from "../commands/eventReporter";
import { trusted } from "../database/trustedFilter";
import { type EventDoc, EventModel } from "../models/event";
import type { Actor } from "../policies/actor";
import { territory } from "../territory/territoryCache";
import { type Open311RequestView, open311Request, statusesFor } from "./open311Mapping";

/** The active categories, i.e. the services. */
export async function activeServices(): Promise<EventCategoryEntry[]> {
  return (await eventCategories.list()).filter((category) => category.active);
}

async function present(docs: EventDoc[]): Promise<Open311RequestView[]> {
  const names = new Map((await eventCategories.list()).map((category) => [category.code, category.name]));
  const regions = territory();
  return docs.map((doc) => open311Request(doc, names, regions));
}

const PROJECTION = { timeline: 0, description: 0, violations: 0 };

/** GET requests: by ids, or by service, period (default: the last 90 days) and status; newest first. */
export async function listOpen311Requests(query: Open311RequestListQuery, now = new Date()) {
  if (query.service_request_id) {
    const docs = (await EventModel.find({ code: trusted({ $in: query.service_request_id }) })
      .select(PROJECTION)
      .lean()) as EventDoc[];
    return present(docs);
  }
  const end = query.end_date ? new Date(query.end_date) : now;
  const start = query.start_date
    ? new Date(query.start_date)
    : new Date(end.getTime() - OPEN311_LIMITS.defaultDays * 86_400_000);
  const and: Record<string, unknown>[] = [{ createdAt: trusted({ $gte: start, $lte: end }) }];
  if (query.service_code) and.push({ category: trusted({ $in: query.service_code }) });
  if (query.status) and.push({ status: trusted({ $in: statusesFor(query.status) }) });
  const docs = (await EventModel.find({ $and: and })
    .select(PROJECTION)
    .sort({ createdAt: -1, _id: -1 })
    .limit(OPEN311_LIMITS.maxRequests)
    .lean()) as EventDoc[];
  return present(docs);
}

/** One request by its id (the event code), or undefined. */
export async function findOpen311Request(id: string): Promise<Open311RequestView | undefined> {
  const doc = (await EventModel.findOne({ code: id }).select(PROJECTION).lean()) as EventDoc | null;
  return doc ? (await present([doc]))[0] : undefined;
}

/** The event code behind a token (the event's id, as POST returned it), or undefined. */
export async function requestIdForToken(token: string): Promise<string | undefined> {
  if (!/^[0-9a-f]{24}$/.test(token)) return undefined;
  const doc = await EventModel.findById(new Types.ObjectId(token)).select({ code: 1 }).lean();
  return doc?.code;
}

/** The title of a request posted without one: the description's first line, shortened. */
export function titleFromDescription(description: string): string {
  const firstLine = description.split(/\r?\n/)[0]?.trim() ?? "";
  const max = EVENT_LIMITS.maxTitleLength;
  return firstLine.length > max ? `${firstLine.slice(0, max - 1)}…` : firstLine;
}

/**
 * The description as filed: the caller's text, then the address and the media link it gave (the
 * event keeps its location as a point; these are what a hotline operator read out or attached).
 */
export function descriptionWithPlace(input: Open311RequestCreateInput): string {
  const extra = [
    input.address_string ? `地址 (address): ${input.address_string}` : "",
    input.media_url ? `附件链接 (media): ${input.media_url}` : "",
  ].filter(Boolean);
  const text = [input.description, ...extra].join("\n");
  return text.length > EVENT_LIMITS.maxDescriptionLength ? input.description : text;
}

/**
 * POST requests: files the request through the same reporting command as the API (the point is
 * located in its grid, the assessment clock starts, duplicates are indexed). With the caller's
 * Idempotency-Key a retried POST files once; without one every POST is a new request.
 */
export async function createOpen311Request(
  actor: Actor,
  source: string,
  input: Open311RequestCreateInput,
  idempotencyKey: string = randomUUID(),
) {
  const { event } = await reportEvent(actor, idempotencyKey, {
    title: input["attribute[title]"] ?? titleFromDescription(input.description),
    description: descriptionWithPlace(input),
    category: input.service_code,
    ...(input["attribute[severity]"] ? { severity: input["attribute[severity]"] } : {}),
    location: { type: "Point", coordinates: [input.long, input.lat] },
    source: source as "hotline",
  });
  return { service_request_id: event.code, token: event._id.toHexString() };
}
