import mongoose, { Schema } from "mongoose";

/**
 * Sign-in attempts per client address in a time window, shared by every server instance: one
 * document per attempt slot (`ip:<address>:<window start>:<n>`, unique _id), and one per account
 * whose password is being checked (`guess:<userId>`). Both end at `windowEndsAt` and are pruned.
 */
const loginThrottleSchema = new Schema(
  {
    _id: { type: String, required: true },
    failures: { type: Number, default: 0 },
    windowEndsAt: { type: Date, required: true },
  },
  { collection: "login_throttles", versionKey: false },
);
loginThrottleSchema.index({ windowEndsAt: 1 });

export const LoginThrottleModel = mongoose.model("LoginThrottle", loginThrottleSchema);
