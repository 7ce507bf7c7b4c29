import type { Model, Types } from "mongoose";
import { bulkWriteInBatches } from "../database/bulkWriteBatches";
import { trusted } from "../database/trustedFilter";
import { AttachmentModel } from "../models/attachment";
import { DepartmentModel } from "../models/department";
import { EventModel } from "../models/event";
import { InspectionPlanModel } from "../models/inspectionPlan";
import { InstitutionModel } from "../models/institution";
import { MeetingModel } from "../models/meeting";
import { RegionModel } from "../models/region";
import { pathAfterMove } from "../territory/movedRecords";

/**
 * Every collection whose records carry the region path of the place they belong to: territory
 * scoping reads that path, so it must follow a region that moves to another parent. (The change
 * log keeps the paths its entries were written with: it is history.)
 */
// biome-ignore lint/suspicious/noExplicitAny: models of different document types, each with regionPath
const PLACED: readonly [string, Model<any>][] = [
  ["events", EventModel],
  ["institutions", InstitutionModel],
  ["attachments", AttachmentModel],
  ["departments", DepartmentModel],
  ["inspectionPlans", InspectionPlanModel],
  ["meetings", MeetingModel],
];

/**
 * After regions moved (their stored ancestors already rewritten), rewrites the region path of
 * every record below them, by _id. Returns how many records of each collection moved.
 */
export async function repathRecordsUnder(moved: readonly Types.ObjectId[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  if (!moved.length) return counts;
  const regions = await RegionModel.find({}, { ancestors: 1 }).lean<
    { _id: Types.ObjectId; ancestors: Types.ObjectId[] }[]
  >();
  const ancestorsNow = new Map(regions.map((region) => [region._id.toHexString(), region.ancestors]));
  for (const [name, model] of PLACED) {
    const records = await model
      .find({ regionPath: trusted({ $in: moved }) }, { regionPath: 1 })
      .lean<{ _id: unknown; regionPath: Types.ObjectId[] }[]>();
    const operations = records.flatMap((record) => {
      const regionPath = pathAfterMove(record.regionPath, ancestorsNow);
      return regionPath ? [{ updateOne: { filter: { _id: record._id }, update: { $set: { regionPath } } } }] : [];
    });
    await bulkWriteInBatches(model, operations, { ordered: false });
    counts[name] = operations.length;
  }
  return counts;
}
