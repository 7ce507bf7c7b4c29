import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";

/**
 * A joint meeting (联席会议) of the departments of a district: its record and decisions. A meeting
 * plan makes one `planned` record per occurrence ahead of time (its `_id` derived from plan and
 * date, so making it twice inserts it once); recording the meeting fills it in and makes it `held`.
 */
const meetingSchema = new Schema(
  {
    regionId: { type: Schema.Types.ObjectId, required: true },
    regionPath: { type: [Schema.Types.ObjectId], required: true },
    /** "YYYY-MM-DD", Asia/Shanghai. */
    date: { type: String, required: true },
    departmentIds: { type: [Schema.Types.ObjectId], required: true },
    minutes: { type: String, default: "" },
    /** planned: made by a meeting plan, not yet recorded; held: recorded (only these count for the quarterly rule). */
    status: { type: String, enum: ["planned", "held"], default: "held" },
    /** The meeting plan that made it, and the plan version it was made from. */
    planId: { type: Schema.Types.ObjectId, default: null },
    planVersion: { type: Number, default: null },
    decisions: {
      type: [
        {
          _id: false,
          text: { type: String, required: true },
          eventIds: { type: [Schema.Types.ObjectId], default: [] },
        },
      ],
      default: [],
    },
    recordedBy: { type: Schema.Types.ObjectId, default: null },
    recordedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: "meetings", versionKey: false },
);
meetingSchema.index({ regionPath: 1 });
meetingSchema.index({ date: 1 });

export type MeetingDoc = InferSchemaType<typeof meetingSchema> & { _id: Types.ObjectId; createdAt: Date };
export const MeetingModel = mongoose.model("Meeting", meetingSchema);
