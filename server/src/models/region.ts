import { REGION_LEVELS, type RegionLevel } from "@gridrisk/shared";
import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";

const storedRingSchema = new Schema({ c: { type: [Number], required: true } }, { _id: false });
const storedPolygonSchema = new Schema({ rings: { type: [storedRingSchema], required: true } }, { _id: false });

const regionSchema = new Schema(
  {
    /** Administrative-division style code, unique in the territory (e.g. 320812). */
    code: { type: String, required: true },
    name: { type: String, required: true },
    nameEn: { type: String },
    level: { type: String, enum: REGION_LEVELS, required: true },
    parentId: { type: Schema.Types.ObjectId, default: null },
    /** Ids from the city down to the parent: `{ ancestors: id }` selects a whole subtree. */
    ancestors: { type: [Schema.Types.ObjectId], default: [] },
    centroid: { type: new Schema({ lng: Number, lat: Number }, { _id: false }), default: null },
    bbox: {
      type: new Schema({ minLng: Number, minLat: Number, maxLng: Number, maxLat: Number }, { _id: false }),
      default: null,
    },
    /** See territory/storedBoundary.ts for why this is not plain GeoJSON. */
    boundary: {
      type: new Schema(
        {
          type: { type: String, enum: ["Polygon", "MultiPolygon"], required: true },
          polygons: { type: [storedPolygonSchema], required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Hash of the imported content; an import that changes nothing writes nothing. */
    contentHash: { type: String, required: true },
  },
  { timestamps: true, collection: "regions", versionKey: false },
);
regionSchema.index({ code: 1 }, { unique: true });
regionSchema.index({ parentId: 1, code: 1 });
regionSchema.index({ level: 1, code: 1 });
regionSchema.index({ ancestors: 1 });

export type RegionDoc = InferSchemaType<typeof regionSchema> & { _id: Types.ObjectId; level: RegionLevel };
export const RegionModel = mongoose.model("Region", regionSchema);
