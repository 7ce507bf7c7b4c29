import type { EventAction, EventStatus, PointGeometry, Severity, TaskStatus } from "@gridrisk/shared";

/** An event as GET /api/events lists it and live messages carry it. */
export interface EventSummary {
  id: string;
  code: string;
  title?: string;
  status: EventStatus;
  severity: Severity;
  category: string;
  location: PointGeometry;
  gridId: string;
  regionPath: string[];
  deadlines: { assessment?: string; handling?: string; followUp?: string };
  overdueStages?: string[];
  version: number;
  updatedAt: string;
  createdAt?: string;
}

/** A department's task on an event. */
export interface EventTask {
  id: string;
  departmentId: string;
  role: "lead" | "assist";
  status: TaskStatus;
  dueAt: string;
  overdue: boolean;
  result?: string;
  /** Photo ids the department attached when it completed the task. */
  evidence?: string[];
  rejectReason?: string;
}

/** One entry of an event's timeline. */
export interface TimelineEntry {
  seq: number;
  action: string;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  at: string;
  fromStatus: EventStatus | null;
  toStatus: EventStatus;
  note: string | null;
}

/** An event as GET /api/events/:id answers it. */
export interface EventDetail extends EventSummary {
  title: string;
  description: string;
  reporterId: string;
  attachments: string[];
  tasks: EventTask[];
  timeline: TimelineEntry[];
  followUp: { assigneeId: string; dueAt?: string; outcome?: string } | null;
  mergedInto: string | null;
  availableActions: EventAction[];
}

/** A functional department. */
export interface Department {
  id: string;
  name: string;
  nameEn?: string;
  regionId?: string;
}

/** The statuses the duty desk's queue shows. */
export const OPEN_STATUSES: readonly EventStatus[] = [
  "reported",
  "escalated",
  "assessing",
  "dispatched",
  "handling",
  "resolved",
  "follow_up",
];

/** The nearest deadline of an event in the stage it is in (or the earliest set one). */
export function nearestDeadline(event: Pick<EventSummary, "status" | "deadlines">): string | undefined {
  const { deadlines } = event;
  switch (event.status) {
    case "reported":
    case "escalated":
    case "assessing":
      return deadlines.assessment;
    case "dispatched":
    case "handling":
      return deadlines.handling;
    // Resolving ends the handling clock and starts the follow-up one (回访).
    case "resolved":
    case "follow_up":
      return deadlines.followUp;
    default:
      return undefined;
  }
}
