import { ATTACHMENT_MIME_TYPES, ATTACHMENT_PURPOSES } from "@gridrisk/shared";
import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";

/** Where a photo was taken, from its EXIF GPS block, kept only when KEEP_PHOTO_LOCATION is on. */
const photoLocationSchema = new Schema(
  {
    lng: { type: Number, required: true },
    lat: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * A photo attachment: the metadata of a sanitised image whose bytes live in the attachment
 * storage. It belongs to its uploader until it is linked to an event; from then on it is part of
 * the event's record and lies in the event's territory.
 */
const attachmentSchema = new Schema(
  {
    /** Id of the bytes in the attachment storage (GridFS bucket `attachments`). */
    storageId: { type: String, required: true },
    /** The type of the stored (re-encoded) bytes, found by their content. */
    mime: { type: String, enum: ATTACHMENT_MIME_TYPES, required: true },
    /** Bytes stored. */
    size: { type: Number, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    /** Hex SHA-256 of the stored bytes; also the ETag. */
    sha256: { type: String, required: true },
    uploaderId: { type: Schema.Types.ObjectId, required: true },
    location: { type: photoLocationSchema, required: false },
    /** The event the photo belongs to; null until a report or a completed task carries it. */
    eventId: { type: Schema.Types.ObjectId, default: null },
    /** City … grid ids of the event, copied when linked; empty until then. */
    regionPath: { type: [Schema.Types.ObjectId], default: [] },
    purpose: { type: String, enum: ATTACHMENT_PURPOSES, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: "attachments", versionKey: false },
);
attachmentSchema.index({ eventId: 1 });
attachmentSchema.index({ uploaderId: 1, eventId: 1 });

export type AttachmentDoc = InferSchemaType<typeof attachmentSchema> & { _id: Types.ObjectId; createdAt: Date };
export const AttachmentModel = mongoose.model("Attachment", attachmentSchema);
