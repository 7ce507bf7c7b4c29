import { Schema } from "mongoose";

/**
 * Where an object is, as every placed model stores it: a GeoJSON Point (WGS-84), its lng/lat
 * repeated as plain fields for range filters (FerretDB has no geo operators), its grid, and the
 * ids from the city down to that grid, which territory checks match against a user's scope.
 */
export const placeFields = {
  location: {
    type: { type: String, enum: ["Point"], required: true },
    coordinates: { type: [Number], required: true },
  },
  lng: { type: Number, required: true },
  lat: { type: Number, required: true },
  gridId: { type: Schema.Types.ObjectId, required: true },
  regionPath: { type: [Schema.Types.ObjectId], required: true },
} as const;
