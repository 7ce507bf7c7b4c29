import type { Role } from "../auth/roles";
import { ACTION_RULES, EVENT_ACTIONS, type EventAction, OFFICER_OF_LEVEL, RULE_ROLES } from "./eventActions";
import type { EventStatus, OwningLevel, TaskStatus } from "./eventKinds";

/** What the machine needs to know about an event. */
export interface EventFacts {
  status: EventStatus;
  owningLevel: OwningLevel;
  /** The township, district or city that owns the event now. */
  owningRegionId: string;
  /** City … grid ids of the event's place. */
  regionPath: readonly string[];
  tasks: readonly {
    id: string;
    departmentId: string;
    role: "lead" | "assist";
    status: TaskStatus;
    extensionPending?: boolean;
  }[];
  followUpAssigneeId?: string;
  /** Stages whose deadline has passed. */
  overdueStages?: readonly string[];
}

/** What the machine needs to know about the person acting. */
export interface ActorFacts {
  id: string;
  role: Role;
  scope: readonly string[];
  departmentId?: string;
}

/** Why an action is refused: role (403), relation to this event (403), or state (422). */
export interface Denial {
  kind: "role" | "relation" | "state";
  message: string;
}

const OWNER_ORDER: readonly OwningLevel[] = ["township", "district", "city"];

function inTerritory(actor: ActorFacts, event: EventFacts): boolean {
  return event.regionPath.some((id) => actor.scope.includes(id));
}

function isOwningOfficer(actor: ActorFacts, event: EventFacts): boolean {
  return actor.role === OFFICER_OF_LEVEL[event.owningLevel] && actor.scope.includes(event.owningRegionId);
}

/**
 * When assessment is overdue, a duty officer of the level above may take the event over by
 * claiming it (快速反应: the district steps in for a township that does not act).
 */
export function mayTakeOver(actor: ActorFacts, event: EventFacts): boolean {
  const above = levelAbove(event.owningLevel);
  return (
    above !== undefined &&
    (event.status === "reported" || event.status === "escalated") &&
    (event.overdueStages ?? []).includes("assessment") &&
    actor.role === OFFICER_OF_LEVEL[above] &&
    inTerritory(actor, event)
  );
}

/** Whether a role can ever take the action, on any event. */
export function roleMayEver(role: Role, action: EventAction): boolean {
  return RULE_ROLES[ACTION_RULES[action].who].includes(role);
}

function relationDenial(
  action: EventAction,
  event: EventFacts,
  actor: ActorFacts,
  taskId?: string,
): string | undefined {
  const rule = ACTION_RULES[action];
  switch (rule.who) {
    case "owning_officer":
      return isOwningOfficer(actor, event) || (action === "claim" && mayTakeOver(actor, event))
        ? undefined
        : `Only a duty officer of the owning ${event.owningLevel} may ${action} this event.`;
    case "task_handler": {
      const task = event.tasks.find((candidate) => candidate.id === taskId);
      if (!task) return undefined; // a missing task is a field problem, reported by the state check
      return actor.departmentId === task.departmentId ? undefined : "This task belongs to another department.";
    }
    case "follow_up_visitor":
      return actor.id === event.followUpAssigneeId || isOwningOfficer(actor, event)
        ? undefined
        : "Only the person assigned the follow-up visit, or an owning duty officer, may record it.";
    case "city":
      return actor.role === "city_monitor" && inTerritory(actor, event) ? undefined : "Only the city may reopen.";
    case "overseer": {
      if (!inTerritory(actor, event)) return "This event lies outside your territory.";
      if (actor.role === "supervisor") return undefined;
      const level = Object.entries(OFFICER_OF_LEVEL).find(([, role]) => role === actor.role)?.[0] as OwningLevel;
      return OWNER_ORDER.indexOf(level) > OWNER_ORDER.indexOf(event.owningLevel)
        ? undefined
        : `Only a level above the owning ${event.owningLevel} may urge.`;
    }
    case "participant":
      return inTerritory(actor, event) || event.tasks.some((task) => task.departmentId === actor.departmentId)
        ? undefined
        : "This event lies outside your territory.";
  }
}

function stateDenial(action: EventAction, event: EventFacts, taskId?: string): string | undefined {
  const rule = ACTION_RULES[action];
  if (!rule.from.includes(event.status)) return `${action} is not possible while the event is ${event.status}.`;
  const task = taskId ? event.tasks.find((candidate) => candidate.id === taskId) : undefined;
  if (rule.onTask && !task) return `The event has no task ${taskId ?? "(none given)"}.`;
  switch (action) {
    case "accept_task":
    case "reject_task":
      return task?.status === "pending" ? undefined : `The task is ${task?.status}, not pending.`;
    case "complete_task":
      return task?.status === "accepted" ? undefined : `The task is ${task?.status}, not accepted.`;
    case "request_extension":
      if (task?.status !== "pending" && task?.status !== "accepted") return `The task is ${task?.status}.`;
      return task.extensionPending ? "An extension request for this task awaits a decision." : undefined;
    case "decide_extension":
      return task?.extensionPending ? undefined : "No extension request for this task awaits a decision.";
    case "resolve": {
      const open = event.tasks.filter((t) => t.status === "pending" || t.status === "accepted");
      return open.length === 0 && event.tasks.some((t) => t.status === "completed")
        ? undefined
        : `${open.length} task(s) are not complete yet.`;
    }
    default:
      return undefined;
  }
}

/**
 * Why `actor` may not take `action` on `event` now, or undefined when they may. Territory is
 * part of the relation; the server answers 404 before asking when the event is not visible.
 */
export function denialOf(
  action: EventAction,
  event: EventFacts,
  actor: ActorFacts,
  taskId?: string,
): Denial | undefined {
  if (!roleMayEver(actor.role, action)) return { kind: "role", message: `The role ${actor.role} may never ${action}.` };
  const relation = relationDenial(action, event, actor, taskId);
  if (relation) return { kind: "relation", message: relation };
  const state = stateDenial(action, event, taskId);
  return state ? { kind: "state", message: state } : undefined;
}

/** The actions this actor may take on this event now (task actions: for any of its tasks). */
export function availableActions(event: EventFacts, actor: ActorFacts): EventAction[] {
  return EVENT_ACTIONS.filter((action) =>
    ACTION_RULES[action].onTask
      ? event.tasks.some((task) => !denialOf(action, event, actor, task.id))
      : !denialOf(action, event, actor),
  );
}

/** The actions the state allows at all, whoever acts (for a 422 naming them). */
export function actionsAllowedIn(status: EventStatus): EventAction[] {
  return EVENT_ACTIONS.filter((action) => ACTION_RULES[action].from.includes(status));
}

/** Inputs that decide where an action leads. */
export interface TransitionInput {
  decision?: "dispatch" | "dismiss" | "merge" | "escalate";
  outcome?: "effective" | "recurred";
  taskId?: string;
}

/** The state an allowed action leads to. */
export function nextStatus(action: EventAction, event: EventFacts, input: TransitionInput = {}): EventStatus {
  switch (action) {
    case "claim":
    case "reopen":
      return "assessing";
    case "assess":
      return ({ dispatch: "dispatched", dismiss: "dismissed", merge: "merged", escalate: "escalated" } as const)[
        input.decision ?? "dispatch"
      ];
    case "accept_task":
      return "handling";
    case "reject_task":
      // A refused lead task goes back to the dispatcher for a new assessment.
      return event.tasks.find((task) => task.id === input.taskId)?.role === "lead" ? "assessing" : event.status;
    case "resolve":
      return "resolved";
    case "schedule_follow_up":
      return "follow_up";
    case "record_follow_up":
      return input.outcome === "recurred" ? "handling" : "closed";
    case "close":
      return "closed";
    default:
      return event.status;
  }
}

/** The level above, for escalation; undefined at the city. */
export function levelAbove(level: OwningLevel): OwningLevel | undefined {
  return OWNER_ORDER[OWNER_ORDER.indexOf(level) + 1];
}
