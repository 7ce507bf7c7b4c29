import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";

/** A joint meeting (联席会议) of the departments of a district: its record and decisions. */
const meetingSchema = new Schema(
  {
    regionId: { type: Schema.Types.ObjectId, required: true },
    regionPath: { type: [Schema.Types.ObjectId], required: true },
    /** "YYYY-MM-DD", Asia/Shanghai. */
    date: { type: String, required: true },
    departmentIds: { type: [Schema.Types.ObjectId], required: true },
    minutes: { type: String, required: true },
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
    recordedBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, collection: "meetings", versionKey: false },
);
meetingSchema.index({ regionPath: 1 });
meetingSchema.index({ date: 1 });

export type MeetingDoc = InferSchemaType<typeof meetingSchema> & { _id: Types.ObjectId; createdAt: Date };
export const MeetingModel = mongoose.model("Meeting", meetingSchema);
