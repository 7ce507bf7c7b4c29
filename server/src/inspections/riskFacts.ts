import {
  type FundSupervisionStatus,
  type InstitutionType,
  type LicenceStatus,
  RISK_WINDOW_DAYS,
  type RiskFacts,
} from "@gridrisk/shared";
import { metricsStore } from "../metrics/metricsStore";
import type { InstitutionDoc } from "../models/institution";
import { inspectionTaskStore } from "./inspectionTaskStore";

const FINAL = new Set(["closed", "dismissed", "merged"]);
const DAY_MS = 86_400_000;

/**
 * The events and inspection results of some institutions, reduced to the facts of the risk score.
 * Read from the facts every process keeps in memory (one per event, every inspection task), not
 * from the collections, which FerretDB/SQLite would scan whole.
 */
export async function riskFactsOf(
  institutions: readonly InstitutionDoc[],
  now = new Date(),
): Promise<Map<string, RiskFacts>> {
  const since = now.getTime() - RISK_WINDOW_DAYS * DAY_MS;
  const [events, tasks] = await Promise.all([metricsStore.current(), inspectionTaskStore.current()]);
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
  for (const event of events.values()) {
    const entry = event.institutionId ? facts.get(event.institutionId) : undefined;
    if (!entry) continue;
    if (!FINAL.has(event.status)) entry.openEvents += 1;
    if (event.reportedAt >= since) entry.recentEvents += 1;
  }
  for (const task of tasks.values()) {
    const entry = task.status === "done" ? facts.get(String(task.institutionId)) : undefined;
    if (!entry || !task.completedAt) continue;
    const days = Math.floor((now.getTime() - task.completedAt.getTime()) / DAY_MS);
    if (entry.daysSinceInspection === null || days < entry.daysSinceInspection) entry.daysSinceInspection = days;
    if (task.completedAt.getTime() < since) continue;
    entry.recentFindings += task.findings.length;
    entry.recentFailedChecks += task.answers.filter((answer) => answer.result === "fail").length;
  }
  return facts;
}
