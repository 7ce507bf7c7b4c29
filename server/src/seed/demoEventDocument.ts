import type { Severity } from "@gridrisk/shared";
import { Types } from "mongoose";
import { assessmentDeadline, defaultHandlingDeadline, followUpDeadline } from "../events/eventDeadlines";
import { chainEntry, genesisHash } from "../events/timelineChain";
import type { RegionSummary } from "../territory/territoryRegistry";
import type { HistoryStep, planEventHistory } from "./demoEventHistory";

/** A place an event can happen: an institution's door, or a random point of a grid. */
export interface Place {
  lng: number;
  lat: number;
  grid: RegionSummary;
  name: string;
  institutionId: Types.ObjectId | null;
}

interface DocumentInput {
  place: Place;
  path: RegionSummary[];
  township: RegionSummary;
  district: RegionSummary;
  category: string;
  severity: Severity;
  steps: HistoryStep[];
  plan: ReturnType<typeof planEventHistory>;
  department: { id: Types.ObjectId; name: string } | undefined;
  now: number;
}

/** The stored event its kept steps lead to: status, deadlines, task, overdue marks and the hash-chained timeline. */
export function eventDocument(input: DocumentInput) {
  const { place, path, township, district, category, severity, steps, plan, department, now } = input;
  const id = new Types.ObjectId();
  const reportedAt = steps[0]?.at ?? new Date(now);
  const last = steps[steps.length - 1];
  const status = last?.toStatus ?? "reported";
  const escalated = steps.some((step) => step.toStatus === "escalated");
  const dispatched = steps.some((step) => step.toStatus === "dispatched") && department;
  const departmentName = department?.name ?? "职能部门";
  const taskStatus = steps.reduce(
    (current, step) =>
      step.action === "accept_task"
        ? "accepted"
        : step.action === "complete_task"
          ? "completed"
          : step.fields?.outcome === "recurred"
            ? "accepted"
            : current,
    "pending",
  );
  const lastRecurred = steps.filter((step) => step.fields?.outcome === "recurred").at(-1);
  const taskDue = lastRecurred ? defaultHandlingDeadline(severity, lastRecurred.at) : plan.handlingDue;
  const assessedAt = steps.find((step) => step.action === "assess")?.at;
  // A reworked event is resolved twice: the follow-up clock runs from the last resolve, as the
  // resolve action sets it.
  const lastResolved = steps.filter((step) => step.action === "resolve").at(-1);
  const deadlines = {
    assessment:
      status === "reported" || status === "assessing"
        ? plan.assessmentDue
        : status === "escalated" && assessedAt
          ? assessmentDeadline(severity, assessedAt)
          : null,
    handling: status === "dispatched" || status === "handling" ? taskDue : null,
    followUp: status === "resolved" && lastResolved ? followUpDeadline(severity, lastResolved.at) : null,
  };
  const timeline = [...steps];
  const stillOpen = Object.entries(deadlines).filter(([, due]) => due && due.getTime() <= now);
  // When each stage's running clock started: a mark before it belongs to an earlier round.
  const clockStart: Record<string, number> = {
    handling: lastRecurred?.at.getTime() ?? 0,
    followUp: lastResolved?.at.getTime() ?? 0,
  };
  for (const [stage, due] of stillOpen) {
    const marked = steps.some(
      (step) =>
        step.at.getTime() >= (clockStart[stage] ?? 0) &&
        (step.fields?.overdue as string[] | undefined)?.includes(stage),
    );
    if (!marked || status === "escalated") {
      timeline.push({
        action: "overdue",
        toStatus: status,
        at: due as Date,
        actorRole: "system",
        fields: { overdue: [stage] },
      });
    }
  }
  timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
  const actorName = (role: string) =>
    role === "grid_worker"
      ? `${place.grid.name}网格员`
      : role === "system"
        ? "system"
        : role === "district_officer"
          ? `${district.name}指挥中心`
          : role === "department_handler"
            ? departmentName
            : `${township.name}值班员`;
  let prevHash = genesisHash(id);
  const entries = timeline.map((step, index) => {
    const entry = chainEntry(prevHash, {
      seq: index + 1,
      action: step.action,
      actorId: null,
      actorName: actorName(step.actorRole),
      actorRole: step.actorRole,
      at: step.at,
      fromStatus: index === 0 ? null : (timeline[index - 1]?.toStatus ?? null),
      toStatus: step.toStatus,
      note: step.note ?? null,
      fields: step.fields ? JSON.stringify(step.fields) : null,
      evidence: [],
    });
    prevHash = entry.hash;
    return entry;
  });
  const overdueStages = Object.entries(deadlines)
    .filter(([, due]) => due && due.getTime() <= now)
    .map(([stage]) => stage);
  const open = Object.values(deadlines).filter((due): due is Date => due !== null);
  const resolvedAt = lastResolved?.at ?? null;
  return {
    _id: id,
    category,
    severity,
    severityAssessed: assessedAt !== undefined,
    source: place.institutionId ? "grid_report" : "inspection",
    location: { type: "Point", coordinates: [place.lng, place.lat] },
    lng: place.lng,
    lat: place.lat,
    gridId: new Types.ObjectId(place.grid.id),
    regionPath: path.map((region) => new Types.ObjectId(region.id)),
    institutionId: place.institutionId,
    reporterId: new Types.ObjectId(),
    attachments: [],
    occurredAt: reportedAt,
    status,
    owningLevel: escalated ? "district" : "township",
    owningRegionId: new Types.ObjectId(escalated ? district.id : township.id),
    deadlines,
    nextDeadline: open.length ? new Date(Math.min(...open.map((due) => due.getTime()))) : null,
    overdueStages,
    tasks:
      dispatched && department
        ? [
            {
              _id: new Types.ObjectId(),
              departmentId: department.id,
              role: "lead",
              status: taskStatus,
              dueAt: taskDue,
              overdue: taskStatus !== "completed" && (taskDue?.getTime() ?? now) <= now,
              acceptedAt: steps.find((step) => step.action === "accept_task")?.at ?? null,
              completedAt:
                taskStatus === "completed"
                  ? (steps.filter((s) => s.action === "complete_task").at(-1)?.at ?? null)
                  : null,
              result: taskStatus === "completed" ? "已督促整改到位" : null,
              evidence: [],
              rejectReason: null,
              extension: null,
              extensionsGranted: 0,
            },
          ]
        : [],
    followUp: null,
    violations: [],
    reworkCount: steps.filter((step) => step.fields?.outcome === "recurred").length,
    urgeCount: timeline.filter((step) => step.action === "auto_urge").length,
    mergedInto: null,
    resolvedAt: status === "resolved" || status === "closed" ? resolvedAt : null,
    closedAt: status === "closed" ? (last?.at ?? null) : null,
    version: entries.length,
    timeline: entries,
    createdAt: reportedAt,
    updatedAt: timeline[timeline.length - 1]?.at ?? reportedAt,
  };
}
