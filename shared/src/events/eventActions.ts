import type { Role } from "../auth/roles";
import type { EventStatus } from "./eventKinds";

/** Every action on an event, all taken through POST /api/events/:id/actions. */
export const EVENT_ACTIONS = [
  "claim",
  "assess",
  "accept_task",
  "reject_task",
  "complete_task",
  "request_extension",
  "decide_extension",
  "resolve",
  "schedule_follow_up",
  "record_follow_up",
  "close",
  "reopen",
  "urge",
  "comment",
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/**
 * Who may take an action, relative to the event:
 * - owning_officer: a duty officer of the level that owns the event now (township, then district
 *   or city after escalation), whose scope is the owning region;
 * - task_handler: a handler of the department the task was given to;
 * - follow_up_visitor: the person assigned the follow-up visit, or an owning officer;
 * - city: a city command centre user;
 * - overseer: an officer of a level above the owning one, or a supervisor, within territory;
 * - participant: anyone who may see the event, except the read-only supervisor.
 */
export type ActorRule = "owning_officer" | "task_handler" | "follow_up_visitor" | "city" | "overseer" | "participant";

/** One row of the machine: from which states, by whom. The resulting state is in nextStatus(). */
export interface ActionRule {
  from: readonly EventStatus[];
  who: ActorRule;
  /** Whether the action names one of the event's tasks (`taskId`). */
  onTask: boolean;
}

const OPEN: readonly EventStatus[] = [
  "reported",
  "escalated",
  "assessing",
  "dispatched",
  "handling",
  "resolved",
  "follow_up",
];
const ALL: readonly EventStatus[] = [...OPEN, "closed", "dismissed", "merged"];
const TASK_STAGE: readonly EventStatus[] = ["dispatched", "handling"];

/** The state machine as data. */
export const ACTION_RULES: Record<EventAction, ActionRule> = {
  claim: { from: ["reported", "escalated"], who: "owning_officer", onTask: false },
  assess: { from: ["assessing"], who: "owning_officer", onTask: false },
  accept_task: { from: TASK_STAGE, who: "task_handler", onTask: true },
  reject_task: { from: TASK_STAGE, who: "task_handler", onTask: true },
  complete_task: { from: ["handling"], who: "task_handler", onTask: true },
  request_extension: { from: TASK_STAGE, who: "task_handler", onTask: true },
  decide_extension: { from: TASK_STAGE, who: "owning_officer", onTask: true },
  resolve: { from: ["handling"], who: "owning_officer", onTask: false },
  schedule_follow_up: { from: ["resolved"], who: "owning_officer", onTask: false },
  record_follow_up: { from: ["follow_up"], who: "follow_up_visitor", onTask: false },
  close: { from: ["resolved"], who: "owning_officer", onTask: false },
  reopen: { from: ["closed", "dismissed"], who: "city", onTask: false },
  urge: { from: OPEN, who: "overseer", onTask: false },
  comment: { from: ALL, who: "participant", onTask: false },
};

/** Duty officers by the level they serve. */
export const OFFICER_OF_LEVEL = {
  township: "township_officer",
  district: "district_officer",
  city: "city_monitor",
} as const satisfies Record<string, Role>;

/** The roles that can ever satisfy each rule (for a 403 before anything else is looked at). */
export const RULE_ROLES: Record<ActorRule, readonly Role[]> = {
  owning_officer: ["township_officer", "district_officer", "city_monitor"],
  task_handler: ["department_handler"],
  follow_up_visitor: ["grid_worker", "township_officer", "district_officer", "city_monitor"],
  city: ["city_monitor"],
  overseer: ["district_officer", "city_monitor", "supervisor"],
  participant: ["grid_worker", "township_officer", "department_handler", "district_officer", "city_monitor"],
};
