import { ROLES, type Role } from "@gridrisk/shared";
import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";

const userSchema = new Schema(
  {
    username: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    /** Region ids the user acts within (grids, a township, a district or the city). */
    scope: { type: [Schema.Types.ObjectId], default: [] },
    departmentId: { type: Schema.Types.ObjectId, default: null },
    phone: { type: String },
    /** argon2id; never leaves the server (presenters list every field that does). */
    passwordHash: { type: String, required: true },
    active: { type: Boolean, default: true },
    /** Consecutive failed sign-ins; reset by a success. */
    failedLogins: { type: Number, default: 0 },
    lockedUntil: { type: Date, default: null },
    lastLoginAt: { type: Date, default: null },
  },
  { timestamps: true, collection: "users", versionKey: false },
);
userSchema.index({ username: 1 }, { unique: true });
userSchema.index({ role: 1 });
userSchema.index({ scope: 1 });
userSchema.index({ departmentId: 1 });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId; role: Role };
export const UserModel = mongoose.model("User", userSchema);
