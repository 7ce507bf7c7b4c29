import type { InspectionTaskStatus } from "@gridrisk/shared";
import type { InspectionTaskDoc } from "../models/inspectionTask";

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** Every field of an inspection task that leaves the server (REST and live messages alike). */
export function presentInspectionTask(doc: InspectionTaskDoc) {
  return {
    id: doc._id,
    planId: String(doc.planId),
    planName: doc.planName,
    occurrenceDate: doc.occurrenceDate,
    startsAt: doc.startsAt.toISOString(),
    endsAt: doc.endsAt.toISOString(),
    institution: { id: String(doc.institutionId), name: doc.institutionName, address: doc.address ?? "" },
    location: { lng: doc.lng, lat: doc.lat },
    gridId: String(doc.gridId),
    regionPath: (doc.regionPath ?? []).map(String),
    assignee: {
      kind: doc.assignee?.kind ?? "grid_worker",
      userId: doc.assignee?.userId ? String(doc.assignee.userId) : null,
      departmentId: doc.assignee?.departmentId ? String(doc.assignee.departmentId) : null,
    },
    riskScore: doc.riskScore ?? 0,
    checklist: doc.checklist,
    answers: doc.answers.map(({ index, result, note }) => ({ index, result, ...(note ? { note } : {}) })),
    findings: doc.findings.map((finding) => ({
      id: finding.id,
      text: finding.text,
      photoIds: finding.photoIds,
      eventId: finding.eventId ? String(finding.eventId) : null,
      at: iso(finding.at),
    })),
    checkIn: doc.checkIn
      ? {
          at: iso(doc.checkIn.at),
          location: { lng: doc.checkIn.lng, lat: doc.checkIn.lat },
          distanceMeters: doc.checkIn.distanceMeters,
          far: doc.checkIn.far,
        }
      : null,
    status: doc.status as InspectionTaskStatus,
    overdue: doc.overdue ?? false,
    completedAt: iso(doc.completedAt),
    version: doc.version,
  };
}
