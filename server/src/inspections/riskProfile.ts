import { riskScoreOf } from "@gridrisk/shared";
import { Types } from "mongoose";
import { canSeeEvent } from "../events/eventVisibility";
import type { EventDoc } from "../models/event";
import { EventModel } from "../models/event";
import { type InspectionTaskDoc, InspectionTaskModel } from "../models/inspectionTask";
import type { InstitutionDoc } from "../models/institution";
import type { Actor } from "../policies/actor";
import { riskFactsOf } from "./riskFacts";
import { canSeeTask } from "./taskVisibility";

const LISTED = 20;

/**
 * An institution's risk profile as the actor may see it: its events, inspections and findings,
 * its fund-supervision and licence status, and its risk score with every factor explained. The
 * score counts all events and inspections, also those the actor may not open.
 */
export async function riskProfileOf(actor: Actor, institution: InstitutionDoc, now = new Date()) {
  const institutionId = institution._id;
  const [facts, events, tasks] = await Promise.all([
    riskFactsOf([institution], now),
    EventModel.find({ institutionId })
      .select({
        code: 1,
        title: 1,
        status: 1,
        severity: 1,
        category: 1,
        source: 1,
        createdAt: 1,
        regionPath: 1,
        tasks: 1,
        reporterId: 1,
      })
      .sort({ createdAt: -1 })
      .lean() as Promise<EventDoc[]>,
    InspectionTaskModel.find({ institutionId: new Types.ObjectId(institutionId) })
      .sort({ occurrenceDate: -1 })
      .lean() as unknown as Promise<InspectionTaskDoc[]>,
  ]);
  const fact = facts.get(institutionId.toHexString());
  const visibleTasks = tasks.filter((task) => canSeeTask(actor, task));
  const inspections = visibleTasks.filter((task) => task.status !== "open" || task.endsAt <= now);
  return {
    institution: {
      id: institutionId.toHexString(),
      name: institution.name,
      type: institution.type,
      licenceStatus: institution.licenceStatus,
      fundSupervision: institution.fundSupervision,
      licenceValidUntil: institution.licenceValidUntil ?? null,
      classesScheduledUntil: institution.classesScheduledUntil ?? null,
      address: institution.address,
    },
    risk: fact ? riskScoreOf(fact) : { score: 0, factors: [] },
    events: events
      .filter((event) => canSeeEvent(actor, event))
      .slice(0, LISTED)
      .map((event) => ({
        id: String(event._id),
        code: event.code,
        title: event.title,
        status: event.status,
        severity: event.severity,
        category: event.category,
        source: event.source,
        createdAt: event.createdAt?.toISOString(),
      })),
    inspections: inspections.slice(0, LISTED).map((task) => ({
      id: task._id,
      planName: task.planName,
      occurrenceDate: task.occurrenceDate,
      status: task.status,
      overdue: task.overdue ?? false,
      failedChecks: task.answers.filter((answer) => answer.result === "fail").length,
      findings: task.findings.length,
    })),
    findings: visibleTasks
      .flatMap((task) =>
        task.findings.map((finding) => ({
          taskId: task._id,
          occurrenceDate: task.occurrenceDate,
          id: finding.id,
          text: finding.text,
          eventId: finding.eventId ? String(finding.eventId) : null,
        })),
      )
      .slice(0, LISTED),
  };
}
