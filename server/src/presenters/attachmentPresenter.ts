import { ATTACHMENT_EXTENSIONS, type AttachmentMime, type LngLat } from "@gridrisk/shared";
import type { AttachmentDoc } from "../models/attachment";

/** How long a browser may reuse a photo it was allowed to see; short, since access can be withdrawn. */
const PHOTO_CACHE_SECONDS = 3600;

/** A photo attachment as the API shows it; its bytes are at `url`. */
export interface AttachmentView {
  id: string;
  mime: AttachmentMime;
  size: number;
  width: number;
  height: number;
  url: string;
  /** Where it was taken, when the photo had a GPS position and KEEP_PHOTO_LOCATION is on. */
  location?: LngLat;
}

/** Every field of an attachment that may leave the server. */
export function presentAttachment(doc: AttachmentDoc): AttachmentView {
  const id = doc._id.toHexString();
  return {
    id,
    mime: doc.mime as AttachmentMime,
    size: doc.size,
    width: doc.width,
    height: doc.height,
    url: `/api/attachments/${id}`,
    ...(doc.location ? { location: { lng: doc.location.lng, lat: doc.location.lat } } : {}),
  };
}

/**
 * The headers of a photo's bytes: its own type, never sniffed; shown inline under a neutral name;
 * and, should a browser still render it as a document, with no scripts, styles or origin.
 */
export function photoHeaders(doc: AttachmentDoc): Record<string, string> {
  const id = doc._id.toHexString();
  return {
    "Content-Type": doc.mime,
    "Content-Length": String(doc.size),
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": `inline; filename="${id}.${ATTACHMENT_EXTENSIONS[doc.mime as AttachmentMime]}"`,
    "Cache-Control": `private, max-age=${PHOTO_CACHE_SECONDS}`,
    "Content-Security-Policy": "default-src 'none'; sandbox",
    ETag: `"${doc.sha256}"`,
  };
}
