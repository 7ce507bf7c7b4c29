import {
  actionsAllowedIn,
  availableActions,
  denialOf,
  type EventActionInput,
  type EventStatus,
  levelAbove,
  mayTakeOver,
  type OwningLevel,
  roleMayEver,
} from "@gridrisk/shared";
import { Types } from "mongoose";
import { insertBuiltRow } from "../database/bulkInsert";
import { isDuplicateKey } from "../database/duplicateKey";
import { trusted } from "../database/trustedFilter";
import { gatedWrite } from "../database/writeGate";
import { AppError, forbidden, notFound, validationFailed, versionConflict } from "../errors";
import { domainEvents } from "../events/domainEvents";
import { cachedEvent, cacheEvent, forgetEvent } from "../events/eventCache";
import { eventFactsOf } from "../events/eventFacts";
import { canSeeEvent } from "../events/eventVisibility";
import { chainEntry, genesisHash } from "../events/timelineChain";
import { type PlanContext, planTransition, type TransitionPlan } from "../events/transitionPlan";
import { DepartmentModel } from "../models/department";
import { type EventDoc, EventModel } from "../models/event";
import { EventVersionClaimModel } from "../models/eventVersionClaim";
import { UserModel } from "../models/user";
import type { Actor } from "../policies/actor";
import { linkAttachments, unlinkAttachments } from "./attachmentLinking";
import { eventCategories, violationCategories } from "./catalogs";

/** A claim older than this whose update never landed belongs to a crashed request. */
const STALE_CLAIM_MS = 30_000;

function conflict(current: { version: number; status: string }): AppError {
  return versionConflict(`The event changed meanwhile: it is now version ${current.version} (${current.status}).`, {
    currentVersion: current.version,
    status: current.status,
  });
}

/**
 * Takes the right to move the event on from `version`. Exactly one caller per version gets it
 * (unique _id); a claim left by a crashed request is cleared after STALE_CLAIM_MS.
 */
async function claimVersion(doc: EventDoc, action: string, actorId: string | null, now: Date): Promise<string> {
  const id = `${doc._id.toHexString()}:${doc.version}`;
  const claim = {
    _id: id,
    eventId: doc._id,
    action,
    actorId: actorId ? new Types.ObjectId(actorId) : null,
    claimedAt: now,
  };
  try {
    await insertBuiltRow(EventVersionClaimModel, claim, now);
    return id;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const existing = await EventVersionClaimModel.findById(id).lean();
  const current = await EventModel.findById(doc._id, { version: 1, status: 1 }).lean();
  if (existing && current?.version === doc.version && existing.claimedAt.getTime() < now.getTime() - STALE_CLAIM_MS) {
    await EventVersionClaimModel.deleteOne({ _id: id, claimedAt: existing.claimedAt });
    return claimVersion(doc, action, actorId, now);
  }
  forgetEvent(doc._id.toHexString());
  throw conflict(current ?? doc);
}

/** Looks up what the plan needs and checks the references an action makes. */
async function contextFor(actor: Actor, doc: EventDoc, input: EventActionInput, now: Date): Promise<PlanContext> {
  const departments = new Map<string, { regionId: string; active: boolean }>();
  if (input.action === "assess" && input.decision === "dispatch") {
    const ids = input.tasks.map((task) => new Types.ObjectId(task.departmentId));
    for (const department of await DepartmentModel.find({ _id: trusted({ $in: ids }) }).lean()) {
      departments.set(department._id.toHexString(), {
        regionId: department.regionId.toHexString(),
        active: department.active ?? true,
      });
    }
  }
  if (input.action === "assess" && input.decision === "merge") {
    const target = await EventModel.findById(input.mergeInto, { timeline: 0 }).lean();
    if (!target || !canSeeEvent(actor, target) || target._id.equals(doc._id)) {
      throw validationFailed([{ path: "body.mergeInto", message: "names no other event you may see" }]);
    }
    if (["closed", "dismissed", "merged"].includes(target.status)) {
      throw validationFailed([{ path: "body.mergeInto", message: `names an event that is ${target.status}` }]);
    }
  }
  if (input.action === "schedule_follow_up") {
    const assignee = await UserModel.findById(input.assigneeId).lean();
    const place = doc.regionPath.map(String);
    if (!assignee?.active || !place.some((id) => assignee.scope.map(String).includes(id))) {
      throw validationFailed([{ path: "body.assigneeId", message: "names nobody active in this event's territory" }]);
    }
  }
  if (input.action === "assess" && input.category && !(await eventCategories.find(input.category))?.active) {
    throw validationFailed([{ path: "body.category", message: "is not an active risk category" }]);
  }
  let violationCategory: PlanContext["violationCategory"];
  if ((input.action === "complete_task" || input.action === "resolve") && input.violation) {
    const category = await violationCategories.find(input.violation.category);
    if (!category?.active) {
      throw validationFailed([{ path: "body.violation.category", message: "names no active violation category" }]);
    }
    violationCategory = { code: category.code, name: category.name };
  }
  const facts = eventFactsOf(doc);
  if (input.action === "claim" && mayTakeOver(actor, facts)) {
    const level = levelAbove(doc.owningLevel as OwningLevel) as "district" | "city";
    const regionId = actor.scope.find((id) => doc.regionPath.some((pathId) => String(pathId) === id));
    if (regionId) return { now, departments, actorId: actor.id, takeOver: { level, regionId } };
  }
  return { now, departments, actorId: actor.id, violationCategory };
}

/** The timeline entry of an action, chained to the last one. */
function entryFor(doc: EventDoc, actor: Actor | null, action: string, plan: TransitionPlan, now: Date) {
  const last = doc.timeline[doc.timeline.length - 1];
  return chainEntry(last?.hash ?? genesisHash(doc._id), {
    seq: doc.timeline.length + 1,
    action,
    actorId: actor ? new Types.ObjectId(actor.id) : null,
    actorName: actor?.name ?? "system",
    actorRole: actor?.role ?? "system",
    at: now,
    fromStatus: doc.status,
    toStatus: plan.toStatus,
    note: plan.note,
    fields: plan.fields ? JSON.stringify(plan.fields) : null,
    evidence: plan.evidence.map((id) => new Types.ObjectId(id)),
  });
}

/**
 * Applies one action to one event: visibility (404), role (403), version (409), relation (403),
 * state (422), fields (400/422), then the claim and one conditional update carrying the
 * timeline entry. Publishes the domain event.
 */
export async function transitionEvent(
  actor: Actor,
  eventId: string,
  input: EventActionInput,
  now = new Date(),
): Promise<EventDoc> {
  let doc = cachedEvent(eventId);
  if (!doc || doc.version !== input.expectedVersion || !canSeeEvent(actor, doc)) {
    doc = await loadVisibleEvent(actor, eventId);
  }
  if (!roleMayEver(actor.role, input.action)) throw forbidden(`The role ${actor.role} may never ${input.action}.`);
  if (input.expectedVersion !== doc.version) throw conflict(doc);
  const facts = eventFactsOf(doc);
  const denial = denialOf(input.action, facts, actor, "taskId" in input ? input.taskId : undefined);
  if (denial?.kind === "role" || denial?.kind === "relation") throw forbidden(denial.message);
  if (denial?.kind === "state") {
    throw new AppError(422, "invalid_transition", denial.message, {
      status: doc.status,
      allowedActions: actionsAllowedIn(doc.status as EventStatus),
      yourActions: availableActions(facts, actor),
    });
  }
  const plan = planTransition(doc, input, await contextFor(actor, doc, input, now));
  if (plan.evidence.length) {
    await linkAttachments(plan.evidence, { eventId, regionPath: doc.regionPath.map(String), uploaderId: actor.id });
  }
  let updated: EventDoc;
  try {
    updated = await applyPlan(doc, actor, input.action, plan, now);
  } catch (error) {
    await unlinkAttachments(plan.evidence, eventId);
    throw error;
  }
  if (input.action === "assess" && input.decision === "merge") await noteMerge(input.mergeInto, updated, actor, now);
  domainEvents.publish({
    type: input.action === "urge" ? "urged" : "transitioned",
    event: updated,
    action: input.action,
    at: now,
  });
  return updated;
}

/** Claims the version and writes the plan and its timeline entry in one conditional update. */
export async function applyPlan(
  doc: EventDoc,
  actor: Actor | null,
  action: string,
  plan: TransitionPlan,
  now: Date,
): Promise<EventDoc> {
  const claimId = await claimVersion(doc, action, actor?.id ?? null, now);
  plan.set.nextDeadline = nextDeadlineAfter(doc, plan.set);
  // The claim makes this caller the only writer of this version, so the filter is the _id alone:
  // FerretDB v1 on SQLite answers an _id lookup from its index but scans the whole collection
  // once any other condition is added.
  const entry = entryFor(doc, actor, action, plan, now);
  const updated = (await gatedWrite(() =>
    EventModel.findOneAndUpdate(
      { _id: doc._id },
      { $set: plan.set, $inc: { version: 1, ...plan.inc }, $push: { timeline: entry } },
      { returnDocument: "after" },
    ).lean(),
  )) as EventDoc | null;
  if (!updated) {
    await EventVersionClaimModel.deleteOne({ _id: claimId });
    forgetEvent(doc._id.toHexString());
    throw conflict((await EventModel.findById(doc._id, { version: 1, status: 1 }).lean()) ?? doc);
  }
  cacheEvent(updated);
  return updated;
}

/** The earliest deadline once the plan's changes to `deadlines` apply. */
function nextDeadlineAfter(doc: EventDoc, set: Record<string, unknown>): Date | null {
  const merged = { ...doc.deadlines, ...((set.deadlines as object | undefined) ?? {}) } as Record<string, Date | null>;
  for (const [key, value] of Object.entries(set)) {
    if (key.startsWith("deadlines.")) merged[key.slice("deadlines.".length)] = value as Date | null;
  }
  const times = Object.values(merged)
    .filter((value): value is Date => value instanceof Date)
    .map((date) => date.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

/** The target of a merge notes it on its own timeline (retried over concurrent changes). */
async function noteMerge(targetId: string, merged: EventDoc, actor: Actor, now: Date): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const target = (await EventModel.findById(targetId).lean()) as EventDoc;
    const plan = {
      set: {},
      inc: {},
      toStatus: target.status,
      note: `${merged.code} merged into this event`,
      fields: { mergedFrom: merged._id.toHexString(), code: merged.code },
      evidence: [],
    };
    try {
      const updated = await applyPlan(target, actor, "merge_received", plan, now);
      domainEvents.publish({ type: "transitioned", event: updated, action: "merge_received", at: now });
      return;
    } catch (error) {
      if ((error as AppError).code !== "version_conflict") throw error;
    }
  }
}

/** The event, read by _id, or 404 when it does not exist or the actor may not see it. */
export async function loadVisibleEvent(actor: Actor, eventId: string): Promise<EventDoc> {
  const doc = (await EventModel.findById(eventId).lean()) as EventDoc | null;
  if (doc) cacheEvent(doc);
  if (!doc || !canSeeEvent(actor, doc)) throw notFound(`Event ${eventId}`);
  return doc;
}
