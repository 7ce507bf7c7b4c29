import { type EventActionInput, levelAbove, nextStatus, type Severity } from "@gridrisk/shared";
import { Types } from "mongoose";
import { unprocessable, validationFailed } from "../errors";
import type { EventDoc, TaskDoc } from "../models/event";
import { territory } from "../territory/territoryCache";
import { assessmentDeadline, defaultHandlingDeadline, followUpDeadline } from "./eventDeadlines";
import { eventFactsOf } from "./eventFacts";

/** What the command looked up for the plan. */
export interface PlanContext {
  now: Date;
  /** Departments named by a dispatch, by id, with the region they serve. */
  departments: Map<string, { regionId: string; active: boolean }>;
  /** The violation category an action records, looked up by the command. */
  violationCategory?: { code: string; name: string };
  actorId?: string;
  /** Set when an officer of the level above claims an event whose assessment is overdue. */
  takeOver?: { level: "district" | "city"; regionId: string };
}

/** The changes one action makes, applied in one conditional update with its timeline entry. */
export interface TransitionPlan {
  set: Record<string, unknown>;
  inc: Record<string, number>;
  toStatus: string;
  note: string | null;
  fields: Record<string, unknown> | null;
  evidence: string[];
}

const ACTIVE_TASK = new Set(["pending", "accepted", "completed"]);

function latestDue(tasks: readonly { dueAt: Date; status: string }[]): Date | null {
  const due = tasks.filter((task) => ACTIVE_TASK.has(task.status)).map((task) => task.dueAt.getTime());
  return due.length ? new Date(Math.max(...due)) : null;
}

function taskIndex(doc: EventDoc, taskId: string): number {
  return doc.tasks.findIndex((task) => String((task as TaskDoc)._id) === taskId);
}

function withTask(doc: EventDoc, taskId: string, change: Partial<TaskDoc>): TaskDoc[] {
  const index = taskIndex(doc, taskId);
  return doc.tasks.map((task, i) => (i === index ? { ...task, ...change } : task)) as TaskDoc[];
}

const stillOverdue = (doc: EventDoc, ...ended: string[]) =>
  (doc.overdueStages ?? []).filter((stage) => !ended.includes(stage));

/** Builds the update for an allowed action; throws 400/422 when its fields make no sense here. */
export function planTransition(doc: EventDoc, input: EventActionInput, context: PlanContext): TransitionPlan {
  const { now } = context;
  const toStatus = nextStatus(input.action, eventFactsOf(doc), {
    ...("decision" in input ? { decision: input.decision } : {}),
    ...("outcome" in input ? { outcome: input.outcome } : {}),
    ...("taskId" in input ? { taskId: input.taskId } : {}),
  });
  const plan: TransitionPlan = { set: { status: toStatus }, inc: {}, toStatus, note: null, fields: null, evidence: [] };
  const severity = doc.severity as Severity;

  switch (input.action) {
    case "claim":
      if (context.takeOver) {
        plan.set.owningLevel = context.takeOver.level;
        plan.set.owningRegionId = new Types.ObjectId(context.takeOver.regionId);
        plan.fields = { takeOver: context.takeOver.level };
      }
      break;
    case "assess": {
      plan.set.severity = input.severity;
      plan.set.severityAssessed = true;
      if (input.category) plan.set.category = input.category;
      plan.fields = { severity: input.severity, category: input.category ?? doc.category, decision: input.decision };
      plan.set.overdueStages = stillOverdue(doc, "assessment");
      plan.set["deadlines.assessment"] = null;
      if (input.decision === "dispatch") {
        const tasks = input.tasks.map((task, index) => {
          const department = context.departments.get(task.departmentId);
          if (!department?.active || !doc.regionPath.some((id) => String(id) === department.regionId)) {
            throw validationFailed([
              {
                path: `body.tasks.${index}.departmentId`,
                message: "names no department serving this event's territory",
              },
            ]);
          }
          const dueAt = task.dueAt ? new Date(task.dueAt) : defaultHandlingDeadline(input.severity, now);
          if (dueAt <= now)
            throw validationFailed([{ path: `body.tasks.${index}.dueAt`, message: "must be in the future" }]);
          return {
            _id: new Types.ObjectId(),
            departmentId: new Types.ObjectId(task.departmentId),
            role: task.role,
            status: "pending",
            dueAt,
            overdue: false,
            evidence: [],
            extensionsGranted: 0,
          };
        });
        // Completed work of an earlier dispatch stays on record; what was still open is replaced.
        const kept = doc.tasks.map((task) =>
          task.status === "pending" || task.status === "accepted" ? { ...task, status: "cancelled" } : task,
        );
        plan.set.tasks = [...kept, ...tasks];
        plan.set["deadlines.handling"] = latestDue(tasks);
        plan.fields.tasks = input.tasks;
      } else if (input.decision === "escalate") {
        const above = levelAbove(doc.owningLevel as "township" | "district" | "city");
        if (!above) throw unprocessable("The city is the top level: an event owned by the city cannot be escalated.");
        const owner = territory()
          .pathOf(String(doc.gridId))
          .find((region) => region.level === above);
        if (!owner) throw unprocessable(`The event's ${above} is not in the territory.`);
        plan.set.owningLevel = above;
        plan.set.owningRegionId = new Types.ObjectId(owner.id);
        plan.set["deadlines.assessment"] = assessmentDeadline(input.severity, now);
        plan.note = input.reason;
      } else if (input.decision === "merge") {
        plan.set.mergedInto = new Types.ObjectId(input.mergeInto);
        plan.set.deadlines = { assessment: null, handling: null, followUp: null };
        plan.set.overdueStages = [];
        plan.fields.mergeInto = input.mergeInto;
      } else {
        plan.set.deadlines = { assessment: null, handling: null, followUp: null };
        plan.set.overdueStages = [];
        plan.note = input.reason;
      }
      break;
    }
    case "accept_task":
      plan.set.tasks = withTask(doc, input.taskId, { status: "accepted", acceptedAt: now });
      plan.fields = { taskId: input.taskId };
      break;
    case "reject_task": {
      const tasks = withTask(doc, input.taskId, { status: "rejected", rejectReason: input.reason });
      plan.set.tasks = tasks;
      plan.set["deadlines.handling"] = latestDue(tasks);
      if (toStatus === "assessing") plan.set["deadlines.assessment"] = assessmentDeadline(severity, now);
      plan.note = input.reason;
      plan.fields = { taskId: input.taskId };
      break;
    }
    case "complete_task":
      plan.set.tasks = withTask(doc, input.taskId, {
        status: "completed",
        completedAt: now,
        result: input.result,
        evidence: (input.attachments ?? []).map((id) => new Types.ObjectId(id)),
      });
      plan.note = input.result;
      plan.fields = { taskId: input.taskId };
      plan.evidence = input.attachments ?? [];
      break;
    case "request_extension": {
      const task = doc.tasks[taskIndex(doc, input.taskId)] as TaskDoc;
      const until = new Date(input.until);
      if (until <= task.dueAt)
        throw validationFailed([{ path: "body.until", message: "must be later than the task's due time" }]);
      plan.set.tasks = withTask(doc, input.taskId, {
        extension: { until, reason: input.reason, requestedAt: now },
      } as Partial<TaskDoc>);
      plan.note = input.reason;
      plan.fields = { taskId: input.taskId, until: input.until };
      break;
    }
    case "decide_extension": {
      const task = doc.tasks[taskIndex(doc, input.taskId)] as TaskDoc;
      const change: Partial<TaskDoc> = { extension: null } as Partial<TaskDoc>;
      if (input.approved && task.extension?.until) {
        Object.assign(change, {
          dueAt: task.extension.until,
          overdue: false,
          extensionsGranted: (task.extensionsGranted ?? 0) + 1,
        });
      }
      const tasks = withTask(doc, input.taskId, change);
      plan.set.tasks = tasks;
      plan.set["deadlines.handling"] = latestDue(tasks);
      if (input.approved)
        plan.set.overdueStages = tasks.some((t) => t.overdue) ? doc.overdueStages : stillOverdue(doc, "handling");
      plan.note = input.note ?? null;
      plan.fields = { taskId: input.taskId, approved: input.approved };
      break;
    }
    case "resolve":
      plan.set.resolvedAt = now;
      plan.set["deadlines.handling"] = null;
      plan.set["deadlines.followUp"] = followUpDeadline(severity, now);
      plan.set.overdueStages = stillOverdue(doc, "handling");
      plan.note = input.summary;
      break;
    case "schedule_follow_up": {
      const dueAt = new Date(input.dueAt);
      if (dueAt <= now) throw validationFailed([{ path: "body.dueAt", message: "must be in the future" }]);
      plan.set.followUp = { assigneeId: new Types.ObjectId(input.assigneeId), dueAt, outcome: null };
      plan.set["deadlines.followUp"] = dueAt;
      plan.fields = { assigneeId: input.assigneeId, dueAt: input.dueAt };
      break;
    }
    case "record_follow_up":
      plan.set.followUp = { ...doc.followUp, outcome: input.outcome };
      plan.set["deadlines.followUp"] = null;
      plan.set.overdueStages = stillOverdue(doc, "followUp");
      if (input.outcome === "recurred") {
        // 返工: the departments take the work up again, on a fresh clock.
        const dueAt = defaultHandlingDeadline(severity, now);
        plan.set.tasks = doc.tasks.map((task) =>
          task.status === "completed" ? { ...task, status: "accepted", dueAt, overdue: false } : task,
        );
        plan.set["deadlines.handling"] = dueAt;
        plan.inc.reworkCount = 1;
      } else {
        plan.set.closedAt = now;
      }
      plan.note = input.note;
      plan.fields = { outcome: input.outcome };
      plan.evidence = input.attachments ?? [];
      break;
    case "close":
      plan.set.closedAt = now;
      plan.set.deadlines = { assessment: null, handling: null, followUp: null };
      plan.set.overdueStages = [];
      plan.note = input.summary;
      plan.fields = { reason: input.reason };
      break;
    case "reopen":
      plan.set.closedAt = null;
      plan.set["deadlines.assessment"] = assessmentDeadline(severity, now);
      plan.note = input.reason;
      break;
    case "urge":
      plan.inc.urgeCount = 1;
      plan.note = input.note;
      break;
    case "comment":
      plan.note = input.note;
      plan.evidence = input.attachments ?? [];
      break;
  }
  if (context.violationCategory && "violation" in input && input.violation) {
    plan.set.violations = [
      ...(doc.violations ?? []),
      {
        category: context.violationCategory.code,
        categoryName: context.violationCategory.name,
        enforcementAction: input.violation.enforcementAction,
        taskId: "taskId" in input ? new Types.ObjectId(input.taskId) : null,
        recordedBy: new Types.ObjectId(context.actorId),
        recordedAt: now,
      },
    ];
    plan.fields = { ...(plan.fields ?? {}), violation: input.violation };
  }
  // A plan that resets all deadlines must not also set one of them (a conflicting update).
  if (plan.set.deadlines)
    for (const key of Object.keys(plan.set)) if (key.startsWith("deadlines.")) delete plan.set[key];
  return plan;
}
