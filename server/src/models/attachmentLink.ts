import mongoose, { Schema } from "mongoose";

/**
 * Which event a photo is attached to, as a claim: `_id` is the attachment's id. FerretDB v1 does
 * not make a conditional update atomic (two events racing for one photo could both be told they
 * linked it), but it does enforce a unique `_id`; so linking first inserts this claim, and only
 * the event whose insert succeeded (or a retry for that same event) writes the photo's eventId.
 * Deleting an unattached photo claims it too, with its own id as `eventId`.
 */
const attachmentLinkSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    eventId: { type: Schema.Types.ObjectId, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: "attachment_links", versionKey: false },
);

export const AttachmentLinkModel = mongoose.model("AttachmentLink", attachmentLinkSchema);
