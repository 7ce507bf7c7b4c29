import type { EventReportInput, Role, Severity } from "@gridrisk/shared";
import { Types } from "mongoose";
import { forbidden, validationFailed } from "../errors";
import { domainEvents } from "../events/domainEvents";
import { nextEventCode, resetEventCodes } from "../events/eventCodes";
import { assessmentDeadline } from "../events/eventDeadlines";
import { recentEvents } from "../events/recentEvents";
import { chainEntry, genesisHash } from "../events/timelineChain";
import { type EventDoc, EventModel } from "../models/event";
import { InstitutionModel } from "../models/institution";
import type { Actor } from "../policies/actor";
import { isWithinTerritory } from "../policies/territoryPolicy";
import { locateOrReject } from "../territory/locateOrReject";
import { territory } from "../territory/territoryCache";
import { linkAttachments, unlinkAttachments } from "./attachmentLinking";
import { eventCategories } from "./catalogs";

/** Roles that may report a risk. */
const REPORTERS: readonly Role[] = [
  "grid_worker",
  "township_officer",
  "district_officer",
  "city_monitor",
  "department_handler",
];
const CODE_ATTEMPTS = 3;

/**
 * Where the actor may report: their territory; for a grid worker, the townships of their grids,
 * since a worker walking a border sees risks next door too.
 */
function reportingScope(actor: Actor): string[] {
  if (actor.role !== "grid_worker") return actor.scope;
  return actor.scope.flatMap((gridId) => {
    const township = territory()
      .pathOf(gridId)
      .find((region) => region.level === "township");
    return township ? [township.id] : [gridId];
  });
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/** How a report is filed. */
export interface ReportOptions {
  /** The new event's id, planned with its Idempotency-Key: a retry that finds it returns it. */
  eventId?: string;
  now?: Date;
}

/** The event already filed under `id` by an earlier attempt of the same request, if any. */
async function filedEarlier(id: Types.ObjectId) {
  const existing = (await EventModel.findById(id).lean()) as EventDoc | null;
  return existing ? { event: existing, mergeCandidates: recentEvents.candidatesFor(existing) as EventDoc[] } : null;
}

/** Files a new risk event in `reported`; the response lists possible duplicates. */
export async function reportEvent(actor: Actor, input: EventReportInput, options: ReportOptions = {}) {
  const now = options.now ?? new Date();
  if (!REPORTERS.includes(actor.role)) throw forbidden(`The role ${actor.role} may not report risks.`);
  if (!(await eventCategories.find(input.category))?.active) {
    throw validationFailed([{ path: "body.category", message: "is not an active risk category" }]);
  }
  const [lng, lat] = input.location.coordinates;
  const { grid, path } = locateOrReject(lng, lat, "body.location");
  const regionPath = path.map((region) => region.id);
  if (!isWithinTerritory({ ...actor, scope: reportingScope(actor) }, regionPath)) {
    throw forbidden(`${grid.name} lies outside the territory you report for.`);
  }
  const township = path.find((region) => region.level === "township");
  if (!township) throw validationFailed([{ path: "body.location", message: "lies in a grid without a township" }]);
  if (input.institutionId) {
    const institution = await InstitutionModel.findOne({ _id: input.institutionId, deletedAt: null }).lean();
    // The institution must be one the reporter may see (or at least share the event's township).
    const place = institution?.regionPath.map(String) ?? [];
    if (!institution || (!isWithinTerritory(actor, place) && !place.includes(township?.id ?? ""))) {
      throw validationFailed([{ path: "body.institutionId", message: "names no institution you may see" }]);
    }
  }

  const id = new Types.ObjectId(options.eventId);
  if (options.eventId) {
    const earlier = await filedEarlier(id);
    if (earlier) return earlier;
  }
  if (input.attachments?.length) {
    await linkAttachments(input.attachments, { eventId: id.toHexString(), regionPath, uploaderId: actor.id });
  }
  const severity: Severity = input.severity ?? "general";
  const assessmentDue = assessmentDeadline(severity, now);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  const first = chainEntry(genesisHash(id), {
    seq: 1,
    action: "report",
    actorId: new Types.ObjectId(actor.id),
    actorName: actor.name,
    actorRole: actor.role,
    at: now,
    fromStatus: null,
    toStatus: "reported",
    note: input.description,
    fields: JSON.stringify({ title: input.title, category: input.category, severity, source: input.source }),
    evidence: (input.attachments ?? []).map((attachment) => new Types.ObjectId(attachment)),
  });
  const base = {
    _id: id,
    title: input.title,
    description: input.description,
    category: input.category,
    severity,
    source: input.source,
    location: { type: "Point" as const, coordinates: [lng, lat] },
    lng,
    lat,
    gridId: new Types.ObjectId(grid.id),
    regionPath: regionPath.map((regionId) => new Types.ObjectId(regionId)),
    institutionId: input.institutionId ? new Types.ObjectId(input.institutionId) : null,
    reporterId: new Types.ObjectId(actor.id),
    attachments: (input.attachments ?? []).map((attachment) => new Types.ObjectId(attachment)),
    occurredAt,
    status: "reported" as const,
    owningLevel: "township" as const,
    owningRegionId: new Types.ObjectId(township.id),
    deadlines: { assessment: assessmentDue, handling: null, followUp: null },
    nextDeadline: assessmentDue,
    version: 1,
    timeline: [first],
  };
  // Codes come from blocks reserved per instance; the unique index is the last line of defence.
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await EventModel.create({ ...base, code: await nextEventCode(now) });
      const doc = created.toObject() as EventDoc;
      domainEvents.publish({ type: "created", event: doc, at: now });
      return { event: doc, mergeCandidates: recentEvents.candidatesFor(doc) as EventDoc[] };
    } catch (error) {
      // A concurrent takeover of the same request filed it first: answer with that event.
      const earlier = isDuplicateKey(error) && options.eventId ? await filedEarlier(id) : null;
      if (earlier) return earlier;
      if (!isDuplicateKey(error) || attempt >= CODE_ATTEMPTS) {
        await unlinkAttachments(input.attachments ?? [], id.toHexString());
        throw error;
      }
      resetEventCodes(); // our block was taken from under us (e.g. a database reset): take a new one
    }
  }
}
