import mongoose, { Schema } from "mongoose";

/**
 * Failed sign-ins per client address in a time window, shared by every server instance. One
 * document per address and window, counted with an atomic $inc.
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
