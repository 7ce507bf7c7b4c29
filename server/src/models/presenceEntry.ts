import mongoose, { type InferSchemaType, Schema } from "mongoose";

/**
 * One open live connection: `_id` is the Socket.IO socket id, so writing, refreshing and removing
 * it are `_id` operations (the only fast ones on FerretDB). Written by the instance holding the
 * socket (realtime/presenceTracker.ts); an entry whose `lastSeen` is older than
 * PRESENCE_LIMITS.staleAfterMs (its instance died) is ignored by reads and pruned by the scheduler.
 */
const presenceEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true },
    /** The townships the user works in: their scope's own townships or the township above it. */
    townshipIds: { type: [String], default: [] },
    departmentId: { type: String, default: null },
    /** The server instance holding the socket. */
    instanceId: { type: String, required: true },
    connectedAt: { type: Date, required: true },
    lastSeen: { type: Date, required: true },
  },
  { collection: "presence", versionKey: false },
);

export type PresenceEntryDoc = InferSchemaType<typeof presenceEntrySchema> & { _id: string };
export const PresenceEntryModel = mongoose.model("PresenceEntry", presenceEntrySchema);
