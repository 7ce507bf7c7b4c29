import { createHash } from "node:crypto";
import { ATTACHMENT_EXTENSIONS, type AttachmentPurpose } from "@gridrisk/shared";
import { Types } from "mongoose";
import { isDuplicateKey } from "../database/duplicateKey";
import { forbidden, notFound, unprocessable } from "../errors";
import { createLogger } from "../logging/logger";
import { type AttachmentDoc, AttachmentModel } from "../models/attachment";
import { AttachmentLinkModel } from "../models/attachmentLink";
import type { Actor } from "../policies/actor";
import { authorizeUpload, maySeeAttachment } from "./attachmentAccess";
import type { OpenedObject } from "./attachmentStorage";
import { attachmentStorage } from "./gridFsAttachmentStorage";
import { inspectImage } from "./imageInspection";
import { sanitizeImage } from "./imageSanitizer";

const log = createLogger("attachments");

/** How an upload is stored. */
export interface StoreOptions {
  purpose: AttachmentPurpose;
  /** Keep the photo's GPS position (KEEP_PHOTO_LOCATION). */
  keepLocation: boolean;
}

/**
 * Checks, sanitises and stores a photo as the actor's unlinked attachment. Nothing is stored for
 * a refused photo; bytes whose metadata document cannot be written are deleted again.
 */
export async function storeAttachment(actor: Actor, bytes: Buffer, options: StoreOptions): Promise<AttachmentDoc> {
  authorizeUpload(actor);
  const inspection = await inspectImage(bytes);
  const image = await sanitizeImage(bytes, inspection, { keepLocation: options.keepLocation });
  const id = new Types.ObjectId();
  const storage = attachmentStorage();
  const storageId = await storage.put(image.data, {
    mime: image.mime,
    filename: `${id.toHexString()}.${ATTACHMENT_EXTENSIONS[image.mime]}`,
  });
  try {
    const created = await AttachmentModel.create({
      _id: id,
      storageId,
      mime: image.mime,
      size: image.data.length,
      width: image.width,
      height: image.height,
      sha256: createHash("sha256").update(image.data).digest("hex"),
      uploaderId: actor.id,
      ...(image.location ? { location: image.location } : {}),
      purpose: options.purpose,
    });
    log.info("photo stored", {
      attachmentId: id.toHexString(),
      mime: image.mime,
      bytesIn: bytes.length,
      bytesOut: image.data.length,
    });
    return created.toObject() as AttachmentDoc;
  } catch (error) {
    await storage.delete(storageId).catch((cause: Error) => {
      log.warn("could not delete the bytes of an unsaved photo", { storageId, error: cause.message });
    });
    throw error;
  }
}

/** Loads a photo the actor may see, or 404 (the same answer whether it is missing or out of sight). */
export async function loadAttachment(actor: Actor, id: string): Promise<AttachmentDoc> {
  const doc = (await AttachmentModel.findById(id).lean()) as AttachmentDoc | null;
  if (!doc || !maySeeAttachment(actor, doc)) throw notFound(`Attachment ${id}`);
  return doc;
}

/** Opens a photo's bytes; 404 (and an error in the log) when its metadata outlived them. */
export async function openAttachment(doc: AttachmentDoc): Promise<OpenedObject> {
  const opened = await attachmentStorage().open(doc.storageId);
  if (!opened) {
    log.error("photo bytes missing", { attachmentId: doc._id.toHexString(), storageId: doc.storageId });
    throw notFound(`Attachment ${doc._id.toHexString()}`);
  }
  return opened;
}

/** Deletes the actor's own photo while no event carries it. */
export async function deleteAttachment(actor: Actor, id: string): Promise<void> {
  const doc = await loadAttachment(actor, id);
  if (doc.uploaderId.toHexString() !== actor.id) throw forbidden("Only the person who uploaded a photo may delete it.");
  const linked = unprocessable(`Attachment ${id} is part of an event's record and cannot be deleted.`);
  if (doc.eventId) throw linked;
  // The deletion claims the photo as linking would (its own id standing for "deleted"), so that
  // a report attaching it at the same moment either gets it or finds it gone, never both.
  try {
    await AttachmentLinkModel.create({ _id: id, eventId: id, claimedAt: new Date() });
  } catch (error) {
    if (isDuplicateKey(error)) throw linked;
    throw error;
  }
  await AttachmentModel.deleteOne({ _id: id });
  await attachmentStorage().delete(doc.storageId);
}
