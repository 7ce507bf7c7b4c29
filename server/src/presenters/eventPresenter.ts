import {
  availableActions,
  type EventAction,
  type EventCategory,
  type EventSource,
  type EventStatus,
  type OwningLevel,
  type PointGeometry,
  type Severity,
  type TaskStatus,
} from "@gridrisk/shared";
import { eventFactsOf } from "../events/eventFacts";
import type { EventDoc } from "../models/event";
import type { Actor } from "../policies/actor";

/** A department's task as the API shows it. */
export interface TaskView {
  id: string;
  departmentId: string;
  role: "lead" | "assist";
  status: TaskStatus;
  dueAt: string;
  overdue: boolean;
  acceptedAt?: string;
  completedAt?: string;
  result?: string;
  evidence: string[];
  rejectReason?: string;
  extension?: { until: string; reason: string; requestedAt: string };
  extensionsGranted: number;
}

/** An event in lists and in live messages. */
export interface EventSummaryView {
  id: string;
  code: string;
  title: string;
  status: EventStatus;
  severity: Severity;
  category: EventCategory;
  source: EventSource;
  location: PointGeometry;
  gridId: string;
  regionPath: string[];
  institutionId?: string;
  owningLevel: OwningLevel;
  deadlines: { assessment?: string; handling?: string; followUp?: string };
  overdueStages: string[];
  reworkCount: number;
  urgeCount: number;
  version: number;
  occurredAt: string;
  createdAt: string;
  updatedAt: string;
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : undefined);

/** The fields every view of an event shares. */
export function presentEventSummary(doc: EventDoc): EventSummaryView {
  return {
    id: doc._id.toHexString(),
    code: doc.code,
    title: doc.title,
    status: doc.status as EventStatus,
    severity: doc.severity as Severity,
    category: doc.category as EventCategory,
    source: doc.source as EventSource,
    location: { type: "Point", coordinates: [doc.lng, doc.lat] },
    gridId: doc.gridId.toHexString(),
    regionPath: doc.regionPath.map(String),
    ...(doc.institutionId ? { institutionId: doc.institutionId.toHexString() } : {}),
    owningLevel: doc.owningLevel as OwningLevel,
    deadlines: JSON.parse(
      JSON.stringify({
        assessment: iso(doc.deadlines?.assessment),
        handling: iso(doc.deadlines?.handling),
        followUp: iso(doc.deadlines?.followUp),
      }),
    ),
    overdueStages: doc.overdueStages ?? [],
    reworkCount: doc.reworkCount ?? 0,
    urgeCount: doc.urgeCount ?? 0,
    version: doc.version,
    occurredAt: doc.occurredAt.toISOString(),
    createdAt: iso(doc.createdAt) ?? doc.occurredAt.toISOString(),
    updatedAt: iso(doc.updatedAt) ?? doc.occurredAt.toISOString(),
  };
}

function presentTask(task: EventDoc["tasks"][number] & { _id?: unknown }): TaskView {
  return {
    id: String(task._id),
    departmentId: String(task.departmentId),
    role: task.role as "lead" | "assist",
    status: task.status as TaskStatus,
    dueAt: task.dueAt.toISOString(),
    overdue: task.overdue ?? false,
    ...(task.acceptedAt ? { acceptedAt: task.acceptedAt.toISOString() } : {}),
    ...(task.completedAt ? { completedAt: task.completedAt.toISOString() } : {}),
    ...(task.result ? { result: task.result } : {}),
    evidence: (task.evidence ?? []).map(String),
    ...(task.rejectReason ? { rejectReason: task.rejectReason } : {}),
    ...(task.extension?.until
      ? {
          extension: {
            until: task.extension.until.toISOString(),
            reason: task.extension.reason ?? "",
            requestedAt: iso(task.extension.requestedAt) ?? "",
          },
        }
      : {}),
    extensionsGranted: task.extensionsGranted ?? 0,
  };
}

/** A single event: everything, with its tasks, timeline and what the viewer may do now. */
export function presentEvent(doc: EventDoc, viewer: Actor) {
  return {
    ...presentEventSummary(doc),
    description: doc.description,
    reporterId: doc.reporterId.toHexString(),
    attachments: (doc.attachments ?? []).map(String),
    tasks: doc.tasks.map(presentTask),
    followUp: doc.followUp?.assigneeId
      ? {
          assigneeId: String(doc.followUp.assigneeId),
          dueAt: iso(doc.followUp.dueAt),
          ...(doc.followUp.outcome ? { outcome: doc.followUp.outcome } : {}),
        }
      : null,
    mergedInto: doc.mergedInto ? doc.mergedInto.toHexString() : null,
    violations: (doc.violations ?? []).map((violation) => ({
      category: violation.category,
      categoryName: violation.categoryName,
      enforcementAction: violation.enforcementAction,
      ...(violation.taskId ? { taskId: String(violation.taskId) } : {}),
      recordedBy: String(violation.recordedBy),
      recordedAt: violation.recordedAt.toISOString(),
    })),
    timeline: doc.timeline.map((entry) => ({
      seq: entry.seq,
      action: entry.action,
      actorId: entry.actorId ? String(entry.actorId) : null,
      actorName: entry.actorName,
      actorRole: entry.actorRole,
      at: entry.at.toISOString(),
      fromStatus: entry.fromStatus ?? null,
      toStatus: entry.toStatus,
      note: entry.note ?? null,
      fields: entry.fields ? JSON.parse(entry.fields) : null,
      evidence: (entry.evidence ?? []).map(String),
      hash: entry.hash,
    })),
    availableActions: availableActions(eventFactsOf(doc), viewer) as EventAction[],
  };
}
export type EventView = ReturnType<typeof presentEvent>;
