import type { InstitutionInput, InstitutionUpdate } from "@gridrisk/shared";
import { Types } from "mongoose";
import { isDuplicateKey } from "../database/duplicateKey";
import { alreadyExists, notFound } from "../errors";
import { type InstitutionDoc, InstitutionModel } from "../models/institution";
import type { Actor } from "../policies/actor";
import { authorize } from "../policies/territoryPolicy";
import { locateOrReject } from "../territory/locateOrReject";

/** Where an institution is: its point, grid and territory path, from its location. */
function placeOf(location: { lng: number; lat: number }) {
  const { grid, path } = locateOrReject(location.lng, location.lat, "body.location");
  return {
    location: { type: "Point" as const, coordinates: [location.lng, location.lat] },
    lng: location.lng,
    lat: location.lat,
    gridId: new Types.ObjectId(grid.id),
    regionPath: path.map((region) => new Types.ObjectId(region.id)),
  };
}

/** Registers an institution at a location inside the actor's territory. */
export async function createInstitution(actor: Actor, input: InstitutionInput): Promise<InstitutionDoc> {
  authorize(actor, "create", "institution");
  const { location, ...fields } = input;
  const place = placeOf(location);
  authorize(actor, "create", "institution", {
    regionPath: place.regionPath.map(String),
    label: `Grid ${place.gridId.toHexString()}`,
  });
  try {
    const created = await InstitutionModel.create({ ...fields, ...place, createdBy: actor.id });
    return created.toObject() as InstitutionDoc;
  } catch (error) {
    if (isDuplicateKey(error)) throw alreadyExists(`An institution with credit code ${input.creditCode} exists.`);
    throw error;
  }
}

/** Loads a live institution the actor may see, or 404. */
export async function loadInstitution(actor: Actor, id: string): Promise<InstitutionDoc> {
  authorize(actor, "read", "institution");
  // By _id alone (the fast path on FerretDB), the deletion checked here.
  const found = (await InstitutionModel.findById(id).lean()) as InstitutionDoc | null;
  const doc = found && !found.deletedAt ? found : null;
  if (!doc) throw notFound(`Institution ${id}`);
  authorize(actor, "read", "institution", { regionPath: doc.regionPath.map(String), label: `Institution ${id}` });
  return doc;
}

/** Changes an institution; a new location must also lie in the actor's territory. */
export async function updateInstitution(actor: Actor, id: string, input: InstitutionUpdate): Promise<InstitutionDoc> {
  authorize(actor, "update", "institution");
  const current = await loadInstitution(actor, id);
  authorize(actor, "update", "institution", { regionPath: current.regionPath.map(String), label: `Institution ${id}` });
  const { location, ...fields } = input;
  const place = location ? placeOf(location) : undefined;
  if (place) {
    authorize(actor, "update", "institution", {
      regionPath: place.regionPath.map(String),
      label: `Grid ${place.gridId.toHexString()}`,
    });
  }
  try {
    const updated = await InstitutionModel.findOneAndUpdate(
      { _id: id },
      { $set: { ...fields, ...place }, $inc: { version: 1 } },
      { returnDocument: "after" },
    ).lean();
    if (!updated) throw notFound(`Institution ${id}`);
    return updated as InstitutionDoc;
  } catch (error) {
    if (isDuplicateKey(error)) throw alreadyExists(`An institution with credit code ${input.creditCode} exists.`);
    throw error;
  }
}

/** Deregisters an institution (kept for the record, hidden from lists). */
export async function deleteInstitution(actor: Actor, id: string): Promise<void> {
  authorize(actor, "delete", "institution");
  const current = await loadInstitution(actor, id);
  authorize(actor, "delete", "institution", { regionPath: current.regionPath.map(String), label: `Institution ${id}` });
  await InstitutionModel.updateOne({ _id: id }, { $set: { deletedAt: new Date() }, $inc: { version: 1 } });
}
