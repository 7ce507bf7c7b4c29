import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";

/**
 * A sign-in. The token handed to the client is `<session id>.<secret>`; only an HMAC of the
 * secret is kept, so a database leak yields no usable token. Expired sessions are pruned by the
 * jobs/expiredSignInPruning.ts (FerretDB has no TTL indexes).
 */
const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    secretHmac: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    userAgent: { type: String },
    ip: { type: String },
  },
  { timestamps: true, collection: "sessions", versionKey: false },
);
sessionSchema.index({ userId: 1 });
sessionSchema.index({ expiresAt: 1 });

export type SessionDoc = InferSchemaType<typeof sessionSchema> & { userId: Types.ObjectId };
export const SessionModel = mongoose.model("Session", sessionSchema);
