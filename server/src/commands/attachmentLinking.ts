import { attachmentIdsSchema, type FieldIssue, toFieldIssues } from "@gridrisk/shared";
import { Types } from "mongoose";
import { isDuplicateKey } from "../database/duplicateKey";
import { trusted } from "../database/trustedFilter";
import { validationFailed } from "../errors";
import { type AttachmentDoc, AttachmentModel } from "../models/attachment";
import { AttachmentLinkModel } from "../models/attachmentLink";
import { type AttachmentView, presentAttachment } from "../presenters/attachmentPresenter";

/** The event that a report or a completed task attaches photos to. */
export interface AttachmentLinkTarget {
  /** The event the photos become part of. */
  eventId: string;
  /** City … grid ids of the event: who may see the photos from now on. */
  regionPath: string[];
  /** The person submitting: only their own photos may be attached. */
  uploaderId: string;
}

/** Why the photo at one index cannot be linked, or undefined when it can. */
function problemOf(doc: AttachmentDoc | undefined, target: AttachmentLinkTarget): string | undefined {
  // Someone else's photo and no photo at all get the same answer, so that ids do not leak.
  if (!doc || doc.uploaderId.toHexString() !== target.uploaderId) return "is not a photo you uploaded";
  if (doc.eventId?.toHexString() === target.eventId) return "is already attached to this event";
  if (doc.eventId) return "is already attached to another event";
  return undefined;
}

/**
 * Attaches the uploader's own unlinked photos to an event, for the event lifecycle when a report
 * or a completed task carries attachment ids. Throws 400 naming `attachments.<index>` for a photo
 * that is someone else's, unknown, listed twice or already attached, and `attachments` for more
 * than `ATTACHMENT_LIMITS.maxPerEvent` (a limit per report or per completed task); then nothing is
 * linked. Resolves with the photos in the order given.
 */
export async function linkAttachments(ids: string[], target: AttachmentLinkTarget): Promise<AttachmentView[]> {
  const parsed = attachmentIdsSchema.safeParse(ids);
  if (!parsed.success) throw validationFailed(toFieldIssues(parsed.error, "attachments"));
  if (ids.length === 0) return [];
  const docs = (await AttachmentModel.find({ _id: trusted({ $in: ids }) }).lean()) as AttachmentDoc[];
  const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
  const issues: FieldIssue[] = ids.flatMap((id, index) => {
    const message = problemOf(byId.get(id), target);
    return message ? [{ path: `attachments.${index}`, message }] : [];
  });
  if (issues.length > 0) throw validationFailed(issues);

  const eventId = new Types.ObjectId(target.eventId);
  const regionPath = target.regionPath.map((id) => new Types.ObjectId(id));
  const claimed: string[] = [];
  for (const [index, id] of ids.entries()) {
    // Claimed first by a unique _id (atomic on FerretDB too); a retry for the same event goes on.
    if (!(await claimFor(id, eventId))) {
      await releaseClaims(claimed, eventId);
      throw validationFailed([
        { path: `attachments.${index}`, message: "was attached elsewhere or deleted meanwhile; nothing was attached" },
      ]);
    }
    claimed.push(id);
  }
  for (const id of ids) await AttachmentModel.updateOne({ _id: id }, { $set: { eventId, regionPath } });
  return ids.map((id) => presentAttachment(byId.get(id) as AttachmentDoc));
}

/** Claims the photo `id` for `eventId`; true when this event holds it (newly or already). */
async function claimFor(id: string, eventId: Types.ObjectId): Promise<boolean> {
  try {
    await AttachmentLinkModel.create({ _id: id, eventId, claimedAt: new Date() });
    return true;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const held = await AttachmentLinkModel.findById(id).lean();
    return held?.eventId.equals(eventId) ?? false;
  }
}

/** Gives up the claims `eventId` holds on these photos and unlinks them (by _id: only the holder writes). */
async function releaseClaims(ids: string[], eventId: Types.ObjectId): Promise<void> {
  for (const id of ids) {
    const held = await AttachmentLinkModel.findById(id).lean();
    if (!held?.eventId.equals(eventId)) continue;
    await AttachmentModel.updateOne({ _id: id }, { $set: { eventId: null, regionPath: [] } });
    await AttachmentLinkModel.deleteOne({ _id: id });
  }
}

/** The photos attached to an event, oldest first. */
export async function eventAttachments(eventId: string): Promise<AttachmentView[]> {
  const docs = (await AttachmentModel.find({ eventId }).sort({ createdAt: 1, _id: 1 }).lean()) as AttachmentDoc[];
  return docs.map(presentAttachment);
}

/** Undoes linkAttachments when the write it belonged to failed (a conflict, a refused insert). */
export async function unlinkAttachments(ids: string[], eventId: string): Promise<void> {
  if (ids.length === 0) return;
  await releaseClaims(ids, new Types.ObjectId(eventId));
}
