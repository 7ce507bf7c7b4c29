import {
  type FundSupervisionStatus,
  type InstitutionType,
  type LicenceStatus,
  RISK_WINDOW_DAYS,
  type RiskFacts,
} from "@gridrisk/shared";
import { Types } from "mongoose";
import { trusted } from "../database/trustedFilter";
import { EventModel } from "../models/event";
import { InspectionTaskModel } from "../models/inspectionTask";
import type { InstitutionDoc } from "../models/institution";

const FINAL = new Set(["closed", "dismissed", "merged"]);
const DAY_MS = 86_400_000;

/** The events and inspection results of some institutions, reduced to the facts of the risk score. */
export async function riskFactsOf(
  institutions: readonly InstitutionDoc[],
  now = new Date(),
): Promise<Map<string, RiskFacts>> {
  const ids = institutions.map((doc) => doc._id);
  const since = new Date(now.getTime() - RISK_WINDOW_DAYS * DAY_MS);
  // Batch scans (one per collection), not per-institution lookups.
  const [events, tasks] = await Promise.all([
    EventModel.find({ institutionId: trusted({ $in: ids }) })
      .select({ institutionId: 1, status: 1, createdAt: 1 })
      .lean(),
    InspectionTaskModel.find({ institutionId: trusted({ $in: ids }), status: "done" })
      .select({ institutionId: 1, completedAt: 1, findings: 1, answers: 1 })
      .lean(),
  ]);
  const facts = new Map<string, RiskFacts>();
  for (const doc of institutions) {
    facts.set(doc._id.toHexString(), {
      type: doc.type as InstitutionType,
      licenceStatus: doc.licenceStatus as LicenceStatus,
      fundSupervision: doc.fundSupervision as FundSupervisionStatus,
      openEvents: 0,
      recentEvents: 0,
      recentFindings: 0,
      recentFailedChecks: 0,
      daysSinceInspection: null,
    });
  }
  for (const event of events) {
    const entry = facts.get(String(event.institutionId));
    if (!entry) continue;
    if (!FINAL.has(event.status)) entry.openEvents += 1;
    if (event.createdAt && event.createdAt >= since) entry.recentEvents += 1;
  }
  for (const task of tasks) {
    const entry = facts.get(String(task.institutionId));
    if (!entry || !task.completedAt) continue;
    const days = Math.floor((now.getTime() - task.completedAt.getTime()) / DAY_MS);
    if (entry.daysSinceInspection === null || days < entry.daysSinceInspection) entry.daysSinceInspection = days;
    if (task.completedAt < since) continue;
    entry.recentFindings += task.findings.length;
    entry.recentFailedChecks += task.answers.filter((answer) => answer.result === "fail").length;
  }
  return facts;
}

/** ObjectIds of hex ids. */
export const objectIds = (values: readonly string[]) => values.map((id) => new Types.ObjectId(id));
