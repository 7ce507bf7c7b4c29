import { ATTACHMENT_UPLOADER_ROLES } from "@gridrisk/shared";
import { forbidden } from "../errors";
import type { AttachmentDoc } from "../models/attachment";
import type { Actor } from "../policies/actor";
import { isWithinTerritory } from "../policies/territoryPolicy";

/** 403 unless the actor's role may upload photos (everyone but the supervisor and the admin). */
export function authorizeUpload(actor: Actor): void {
  if (!ATTACHMENT_UPLOADER_ROLES.includes(actor.role)) throw forbidden(`The role ${actor.role} may not upload photos.`);
}

/**
 * Whether the actor may see a photo: always their own upload; someone else's only once it is
 * linked to an event and lies in the actor's territory.
 */
export function maySeeAttachment(
  actor: Actor,
  doc: Pick<AttachmentDoc, "uploaderId" | "eventId" | "regionPath">,
): boolean {
  if (doc.uploaderId.toHexString() === actor.id) return true;
  return doc.eventId !== null && isWithinTerritory(actor, doc.regionPath.map(String));
}
