import type { FundSupervisionStatus, InstitutionType, LicenceStatus, LngLat } from "@gridrisk/shared";
import type { InstitutionDoc } from "../models/institution";

/** An institution as the API shows it. */
export interface InstitutionView {
  id: string;
  name: string;
  creditCode: string;
  type: InstitutionType;
  licenceStatus: LicenceStatus;
  fundSupervision: FundSupervisionStatus;
  /** Last day the licence is valid, "YYYY-MM-DD", when known. */
  licenceValidUntil?: string;
  /** Last day classes are scheduled, "YYYY-MM-DD", when known. */
  classesScheduledUntil?: string;
  address: string;
  location: LngLat;
  gridId: string;
  regionPath: string[];
  contact: { name: string; phone: string };
  studentCount?: number;
  notes?: string;
  version: number;
  createdAt?: string;
  updatedAt?: string;
  /** Metres from the point of a `near` search. */
  distanceMeters?: number;
}

/** Every field of an institution that may leave the server. */
export function presentInstitution(doc: InstitutionDoc, distanceMeters?: number): InstitutionView {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    creditCode: doc.creditCode,
    type: doc.type as InstitutionType,
    licenceStatus: doc.licenceStatus as LicenceStatus,
    fundSupervision: doc.fundSupervision as FundSupervisionStatus,
    ...(doc.licenceValidUntil ? { licenceValidUntil: doc.licenceValidUntil } : {}),
    ...(doc.classesScheduledUntil ? { classesScheduledUntil: doc.classesScheduledUntil } : {}),
    address: doc.address,
    location: { lng: doc.lng, lat: doc.lat },
    gridId: doc.gridId.toHexString(),
    regionPath: doc.regionPath.map((id) => id.toHexString()),
    contact: { name: doc.contact?.name ?? "", phone: doc.contact?.phone ?? "" },
    ...(doc.studentCount !== undefined && doc.studentCount !== null ? { studentCount: doc.studentCount } : {}),
    ...(doc.notes ? { notes: doc.notes } : {}),
    version: doc.version ?? 1,
    ...(doc.createdAt ? { createdAt: doc.createdAt.toISOString() } : {}),
    ...(doc.updatedAt ? { updatedAt: doc.updatedAt.toISOString() } : {}),
    ...(distanceMeters !== undefined ? { distanceMeters: Math.round(distanceMeters) } : {}),
  };
}
