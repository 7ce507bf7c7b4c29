import { z } from "zod";
import { ROLES, type Role } from "./auth/roles";
import { idParamsSchema } from "./territory/regionQueries";

/** Sizes and counts of photo attachments, read by the upload route, the sanitizer and the linking rules. */
export const ATTACHMENT_LIMITS = {
  /** Largest photo upload, in bytes (10 MiB). */
  maxBytes: 10 * 1024 * 1024,
  /** Longest side of a stored photo; larger ones are scaled down to it. */
  maxSidePixels: 4096,
  /** Largest decoded image (width × height) accepted, so that a small file cannot inflate into gigabytes. */
  maxInputPixels: 100_000_000,
  /** Photos that one report, or one completed task, may carry. */
  maxPerEvent: 9,
} as const;

/** The image types accepted, decided by the bytes, never by a file name or a declared type. */
export const ATTACHMENT_MIME_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

/** File name extension of each accepted type, for downloads. */
export const ATTACHMENT_EXTENSIONS: Record<AttachmentMime, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
};

/** What a photo is for: a grid worker's report, or a department's evidence of its work. */
export const ATTACHMENT_PURPOSES = ["report", "evidence"] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** Who may upload photos: everyone who reports or handles events; the read-only supervisor and the admin do not. */
export const ATTACHMENT_UPLOADER_ROLES: readonly Role[] = ROLES.filter(
  (role) => role !== "supervisor" && role !== "admin",
);

/** POST /api/attachments?purpose= */
export const attachmentUploadQuerySchema = z
  .object({
    purpose: z.enum(ATTACHMENT_PURPOSES, { error: `must be one of ${ATTACHMENT_PURPOSES.join(", ")}` }),
  })
  .strict();

/** The photo ids a report or a completed task carries: distinct, at most `maxPerEvent`. */
export const attachmentIdsSchema = z
  .array(idParamsSchema.shape.id, { error: "must be a list of attachment ids" })
  .max(ATTACHMENT_LIMITS.maxPerEvent, `must list at most ${ATTACHMENT_LIMITS.maxPerEvent} photos`)
  .superRefine((ids, context) => {
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) context.addIssue({ code: "custom", path: [index], message: "is listed twice" });
    });
  });
