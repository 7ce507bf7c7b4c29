import type { EventReportInput, Role, Severity } from "@gridrisk/shared";
import { Types } from "mongoose";
import { insertBuiltRow, insertBuiltRowClaimed } from "../database/bulkInsert";
import { isDuplicateKey } from "../database/duplicateKey";
import { forbidden, validationFailed } from "../errors";
import { domainEvents } from "../events/domainEvents";
import { cacheEvent } from "../events/eventCache";
import { nextEventCode, resetEventCodes } from "../events/eventCodes";
import { assessmentDeadline } from "../events/eventDeadlines";
import { recentEvents } from "../events/recentEvents";
import { chainEntry, genesisHash } from "../events/timelineChain";
import { type EventDoc, EventModel } from "../models/event";
import { IdempotencyKeyModel } from "../models/idempotencyKey";
import { InstitutionModel } from "../models/institution";
import type { Actor } from "../policies/actor";
import { isWithinTerritory } from "../policies/territoryPolicy";
import { locateOrReject } from "../territory/locateOrReject";
import { territory } from "../territory/territoryCache";
import { linkAttachments, unlinkAttachments } from "./attachmentLinking";
import { eventCategories } from "./catalogs";
import { claimIdempotencyKey, idempotencyKeyRow, requestHashOf } from "./idempotencyKeys";

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

/** What a report came to: the event, possible duplicates, and whether this request created it. */
export interface ReportOutcome {
  event: EventDoc;
  mergeCandidates: EventDoc[];
  /** False when an earlier request with the same Idempotency-Key created the event. */
  created: boolean;
}

/**
 * Files a new risk event in `reported`, once per Idempotency-Key: every check runs first (no
 * write for a refused report), then the key is claimed with the event id it stands for, then
 * the event is inserted under that id. A retry (also a concurrent one) inserts under the same
 * id, so exactly one event exists whichever request gets there first, and a report whose first
 * attempt died after claiming its key is completed by the retry. The response lists possible
 * duplicates.
 */
export async function reportEvent(
  actor: Actor,
  idempotencyKey: string,
  input: EventReportInput,
  now = new Date(),
): Promise<ReportOutcome> {
  const draft = await draftReport(actor, input, now);
  const planned = new Types.ObjectId();
  const requestHash = requestHashOf(input);
  const attachments = input.attachments ?? [];
  if (!attachments.length) {
    const created = await claimAndInsert(actor, idempotencyKey, requestHash, planned, draft, now);
    if (created) return created;
  }
  // A report with photos links them to its event between the claim and the insert; and any report
  // whose key was taken already, or whose first insert failed, goes this way.
  const claim = await claimIdempotencyKey(actor.id, idempotencyKey, requestHash, planned.toHexString(), now);
  // The key may be ours already: claimed together with an event whose insert failed just now.
  const first = claim.first || claim.resourceId === planned.toHexString();
  const id = claim.first ? planned : new Types.ObjectId(claim.resourceId);
  if (!first) {
    const existing = (await EventModel.findById(id).lean()) as EventDoc | null;
    if (existing) return outcomeOf(existing, false);
  }
  if (attachments.length) {
    await linkAttachments(attachments, {
      eventId: id.toHexString(),
      regionPath: draft.regionPath,
      uploaderId: actor.id,
    });
  }
  // Codes come from blocks reserved per instance; the unique index is the last line of defence.
  for (let attempt = 0; ; attempt++) {
    try {
      const code = await nextEventCode(now);
      const doc = await insertBuiltRow<EventDoc>(EventModel, { ...draft.build(id), code }, now);
      cacheEvent(doc);
      domainEvents.publish({ type: "created", event: doc, at: now });
      return outcomeOf(doc, first);
    } catch (error) {
      if (isDuplicateKey(error)) {
        // Another request under the same key inserted this very event first.
        const existing = (await EventModel.findById(id).lean()) as EventDoc | null;
        if (existing) return outcomeOf(existing, false);
      }
      if (!isDuplicateKey(error) || attempt >= CODE_ATTEMPTS) {
        await unlinkAttachments(attachments, id.toHexString());
        throw error;
      }
      resetEventCodes(); // our block was taken from under us (e.g. a database reset): take a new one
    }
  }
}

/**
 * The common case in one turn of the write gate: the key claimed and the event inserted together
 * (see insertBuiltRowClaimed), grouped with the reports arriving meanwhile. Returns undefined when
 * the key was taken already (a retry) or the event's code was: the caller's general path sorts
 * those out.
 */
async function claimAndInsert(
  actor: Actor,
  idempotencyKey: string,
  requestHash: string,
  planned: Types.ObjectId,
  draft: Awaited<ReturnType<typeof draftReport>>,
  now: Date,
): Promise<ReportOutcome | undefined> {
  const code = await nextEventCode(now);
  try {
    const doc = await insertBuiltRowClaimed<EventDoc>(
      IdempotencyKeyModel,
      idempotencyKeyRow(actor.id, idempotencyKey, requestHash, planned.toHexString(), now),
      EventModel,
      { ...draft.build(planned), code },
      now,
    );
    if (!doc) return undefined;
    cacheEvent(doc);
    domainEvents.publish({ type: "created", event: doc, at: now });
    return outcomeOf(doc, true);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    resetEventCodes(); // the code was taken (e.g. a database reset): the general path takes a new one
    return undefined;
  }
}

function outcomeOf(event: EventDoc, created: boolean): ReportOutcome {
  return { event, mergeCandidates: recentEvents.candidatesFor(event) as EventDoc[], created };
}

/**
 * Checks a report (role, category, place, territory, institution) and returns how to build its
 * document for a given id. Reads only: a refused report writes nothing.
 */
async function draftReport(actor: Actor, input: EventReportInput, now: Date) {
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
    if (!institution || (!isWithinTerritory(actor, place) && !place.includes(township.id))) {
      throw validationFailed([{ path: "body.institutionId", message: "names no institution you may see" }]);
    }
  }
  const severity: Severity = input.severity ?? "general";
  const assessmentDue = assessmentDeadline(severity, now);
  const evidence = (input.attachments ?? []).map((attachment) => new Types.ObjectId(attachment));
  const build = (id: Types.ObjectId) => ({
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
    attachments: evidence,
    occurredAt: input.occurredAt ? new Date(input.occurredAt) : now,
    status: "reported" as const,
    owningLevel: "township" as const,
    owningRegionId: new Types.ObjectId(township.id),
    deadlines: { assessment: assessmentDue, handling: null, followUp: null },
    nextDeadline: assessmentDue,
    version: 1,
    timeline: [
      chainEntry(genesisHash(id), {
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
        evidence,
      }),
    ],
  });
  return { regionPath, build };
}
