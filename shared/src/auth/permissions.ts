import { ROLES, type Role } from "./roles";

/** What can be acted on, apart from events (whose actions live in the event state machine). */
export const RESOURCES = [
  "region",
  "territory",
  "department",
  "user",
  "institution",
  "calendar",
  "violation_category",
  "event_category",
  "presence",
  "audit",
  "oversight",
  "webhook",
  "metrics",
  "inspection_plan",
  "inspection_task",
  "meeting",
  "early_warning_rule",
] as const;
export type Resource = (typeof RESOURCES)[number];

/** Kinds of action on those resources. */
export const RESOURCE_ACTIONS = ["read", "create", "update", "delete"] as const;
export type ResourceAction = (typeof RESOURCE_ACTIONS)[number];

const EVERYONE: readonly Role[] = ROLES;
const OFFICERS: readonly Role[] = ["township_officer", "district_officer", "city_monitor", "admin"];

/**
 * Which roles may ever take which action on which resource. Territory is checked on top of this:
 * a role allowed here still acts only inside its own scope.
 */
export const PERMISSIONS: Record<Resource, Record<ResourceAction, readonly Role[]>> = {
  region: { read: EVERYONE, create: ["admin"], update: ["admin"], delete: ["admin"] },
  territory: { read: EVERYONE, create: ["admin"], update: ["admin"], delete: [] },
  department: { read: EVERYONE, create: ["admin"], update: ["admin"], delete: ["admin"] },
  // Officers look people up to assign follow-ups; only an admin creates or changes accounts.
  user: { read: [...OFFICERS, "supervisor"], create: ["admin"], update: ["admin"], delete: ["admin"] },
  // Grid workers register institutions they find in the field (e.g. an unlicensed one); the
  // supervisor only reads.
  institution: {
    read: EVERYONE,
    create: ["grid_worker", "department_handler", ...OFFICERS],
    update: ["grid_worker", "department_handler", ...OFFICERS],
    delete: ["admin"],
  },
  // The working calendar and the deadline policy: everyone's clocks read them; only the admin edits.
  calendar: { read: EVERYONE, create: ["admin"], update: ["admin"], delete: [] },
  violation_category: { read: EVERYONE, create: ["admin"], update: ["admin"], delete: [] },
  event_category: { read: EVERYONE, create: ["admin"], update: ["admin"], delete: [] },
  // Who is online, for the duty desk; a department handler only for its own department.
  presence: {
    read: ["township_officer", "department_handler", "district_officer", "city_monitor", "supervisor", "admin"],
    create: [],
    update: [],
    delete: [],
  },
  // The audit log: oversight and the administrator read it; nobody writes it through the API.
  audit: { read: ["supervisor", "admin"], create: [], update: [], delete: [] },
  // Rankings, long-running and urging lists (督办): oversight and the command centres above townships.
  // Webhooks that let other departments' systems follow events: the admin registers them.
  webhook: { read: ["admin"], create: ["admin"], update: ["admin"], delete: ["admin"] },
  oversight: { read: ["district_officer", "city_monitor", "supervisor", "admin"], create: [], update: [], delete: [] },
  // The figures and the live map of a territory: the officers who watch it, and oversight.
  metrics: {
    read: ["township_officer", "district_officer", "city_monitor", "supervisor", "admin"],
    create: [],
    update: [],
    delete: [],
  },
  // Prevention (预防为主): district officers and admins plan inspections and record joint
  // meetings in their territory; everyone who acts in the field or oversees reads them.
  inspection_plan: {
    read: [...OFFICERS, "department_handler", "supervisor"],
    create: ["district_officer", "admin"],
    update: ["district_officer", "admin"],
    delete: ["district_officer", "admin"],
  },
  // Tasks are made by the scheduler; their assignee (grid worker or department handler) does them.
  inspection_task: {
    read: EVERYONE,
    create: [],
    update: ["grid_worker", "department_handler"],
    delete: [],
  },
  meeting: {
    read: [...OFFICERS, "department_handler", "supervisor"],
    create: ["district_officer", "admin"],
    update: ["district_officer", "admin"],
    delete: ["admin"],
  },
  early_warning_rule: { read: [...OFFICERS, "supervisor"], create: ["admin"], update: ["admin"], delete: [] },
};

/** Whether `role` may ever take `action` on `resource` (territory aside). */
export function roleMay(role: Role, action: ResourceAction, resource: Resource): boolean {
  return PERMISSIONS[resource][action].includes(role);
}
