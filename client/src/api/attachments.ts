import type { AttachmentPurpose } from "@gridrisk/shared";
import { api } from "./http";

/** Uploads one (already resized) photo; returns its attachment id. Throws like `api()`. */
export async function uploadPhoto(photo: Blob, purpose: AttachmentPurpose): Promise<string> {
  const { attachment } = await api<{ attachment: { id: string } }>(`/api/attachments?purpose=${purpose}`, {
    method: "POST",
    body: photo,
    headers: { "Content-Type": photo.type || "image/jpeg" },
  });
  return attachment.id;
}
