import mongoose, { Schema } from "mongoose";

/**
 * The lease of one run of a periodic job: `_id` is `<job>:<time slot>`. Every instance tries to
 * insert it when the slot starts; the unique _id lets exactly one of them run the job.
 */
const jobLeaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    job: { type: String, required: true },
    holder: { type: String, required: true },
    slotStart: { type: Date, required: true },
  },
  { collection: "job_leases", versionKey: false },
);
jobLeaseSchema.index({ slotStart: 1 });

export const JobLeaseModel = mongoose.model("JobLease", jobLeaseSchema);
