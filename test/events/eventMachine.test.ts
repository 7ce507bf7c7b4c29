import {
  type ActorFacts,
  availableActions,
  denialOf,
  EVENT_ACTIONS,
  EVENT_STATUSES,
  type EventAction,
  type EventFacts,
  type EventStatus,
  nextStatus,
  ROLES,
  type Role,
} from "@gridrisk/shared";
import { expect } from "chai";

/**
 * The lifecycle as the product describes it, written out independently of the implementation's
 * tables: for each action, the states it starts from and the roles that take it (for an event
 * owned by a township, with actors in their natural relation to it).
 */
const OPEN: EventStatus[] = ["reported", "escalated", "assessing", "dispatched", "handling", "resolved", "follow_up"];
const SPEC: Record<EventAction, { states: EventStatus[]; roles: Role[] }> = {
  claim: { states: ["reported", "escalated"], roles: ["township_officer"] },
  assess: { states: ["assessing"], roles: ["township_officer"] },
  accept_task: { states: ["dispatched", "handling"], roles: ["department_handler"] },
  reject_task: { states: ["dispatched", "handling"], roles: ["department_handler"] },
  complete_task: { states: ["handling"], roles: ["department_handler"] },
  request_extension: { states: ["dispatched", "handling"], roles: ["department_handler"] },
  decide_extension: { states: ["dispatched", "handling"], roles: ["township_officer"] },
  resolve: { states: ["handling"], roles: ["township_officer"] },
  schedule_follow_up: { states: ["resolved"], roles: ["township_officer"] },
  record_follow_up: { states: ["follow_up"], roles: ["grid_worker", "township_officer"] },
  close: { states: ["resolved"], roles: ["township_officer"] },
  reopen: { states: ["closed", "dismissed"], roles: ["city_monitor"] },
  urge: { states: OPEN, roles: ["district_officer", "city_monitor", "supervisor"] },
  comment: {
    states: [...EVENT_STATUSES],
    roles: ["grid_worker", "township_officer", "department_handler", "district_officer", "city_monitor"],
  },
};

const CITY = "c".repeat(24);
const DISTRICT = "d".repeat(24);
const TOWNSHIP = "e".repeat(24);
const GRID = "f".repeat(24);
const DEPARTMENT = "a".repeat(24);

/** Each role in its natural relation to a township-owned event in GRID. */
const ACTORS: Record<Role, ActorFacts> = {
  grid_worker: { id: "worker", role: "grid_worker", scope: [GRID] },
  township_officer: { id: "officer", role: "township_officer", scope: [TOWNSHIP] },
  department_handler: { id: "handler", role: "department_handler", scope: [DISTRICT], departmentId: DEPARTMENT },
  district_officer: { id: "district", role: "district_officer", scope: [DISTRICT] },
  city_monitor: { id: "city", role: "city_monitor", scope: [CITY] },
  supervisor: { id: "supervisor", role: "supervisor", scope: [CITY] },
  admin: { id: "admin", role: "admin", scope: [CITY] },
};

/** An event in `status` whose task is in the state the action needs. */
function eventFor(action: EventAction, status: EventStatus): EventFacts {
  const taskStatus = action === "complete_task" ? "accepted" : action === "resolve" ? "completed" : "pending";
  return {
    status,
    owningLevel: "township",
    owningRegionId: TOWNSHIP,
    regionPath: [CITY, DISTRICT, TOWNSHIP, GRID],
    tasks: [
      {
        id: "t1",
        departmentId: DEPARTMENT,
        role: "lead",
        status: taskStatus,
        extensionPending: action === "decide_extension",
      },
    ],
    followUpAssigneeId: "worker",
  };
}

describe("event state machine: every action × state × role", () => {
  for (const action of EVENT_ACTIONS) {
    it(`${action}: allowed exactly in ${SPEC[action].states.length} state(s) for ${SPEC[action].roles.join(", ")}`, () => {
      let allowedCount = 0;
      for (const status of EVENT_STATUSES) {
        for (const role of ROLES) {
          const expected = SPEC[action].states.includes(status) && SPEC[action].roles.includes(role);
          const denial = denialOf(action, eventFor(action, status), ACTORS[role], "t1");
          expect(denial === undefined, `${action} in ${status} by ${role}: ${denial?.message}`).to.equal(expected);
          if (expected) allowedCount += 1;
        }
      }
      expect(allowedCount).to.equal(SPEC[action].states.length * SPEC[action].roles.length);
    });
  }

  it("refuses a role that never takes an action as a role denial, before looking at the state", () => {
    expect(denialOf("claim", eventFor("claim", "closed"), ACTORS.grid_worker)?.kind).to.equal("role");
    expect(denialOf("claim", eventFor("claim", "closed"), ACTORS.township_officer)?.kind).to.equal("state");
  });

  it("refuses the wrong township, the wrong department and the wrong level as relation denials", () => {
    const other = { ...ACTORS.township_officer, scope: ["9".repeat(24)] };
    expect(denialOf("claim", eventFor("claim", "reported"), other)?.kind).to.equal("relation");
    const otherDepartment = { ...ACTORS.department_handler, departmentId: "b".repeat(24) };
    expect(denialOf("accept_task", eventFor("accept_task", "dispatched"), otherDepartment, "t1")?.kind).to.equal(
      "relation",
    );
    const districtOwned = {
      ...eventFor("claim", "escalated"),
      owningLevel: "district" as const,
      owningRegionId: DISTRICT,
    };
    expect(denialOf("claim", districtOwned, ACTORS.township_officer)?.kind).to.equal("relation");
    expect(denialOf("claim", districtOwned, ACTORS.district_officer)).to.equal(undefined);
    expect(denialOf("urge", districtOwned, ACTORS.district_officer)?.kind).to.equal("relation");
  });

  it("lets the district take over a township event whose assessment is overdue", () => {
    const late = { ...eventFor("claim", "reported"), overdueStages: ["assessment"] };
    expect(denialOf("claim", eventFor("claim", "reported"), ACTORS.district_officer)?.kind).to.equal("relation");
    expect(denialOf("claim", late, ACTORS.district_officer)).to.equal(undefined);
  });

  it("needs every open task complete before resolving", () => {
    const event: EventFacts = {
      ...eventFor("resolve", "handling"),
      tasks: [
        { id: "t1", departmentId: DEPARTMENT, role: "lead", status: "completed" },
        { id: "t2", departmentId: "b".repeat(24), role: "assist", status: "accepted" },
      ],
    };
    expect(denialOf("resolve", event, ACTORS.township_officer)?.message).to.match(/1 task\(s\) are not complete/);
    const done = { ...event, tasks: event.tasks.map((task) => ({ ...task, status: "completed" as const })) };
    expect(denialOf("resolve", done, ACTORS.township_officer)).to.equal(undefined);
  });

  const transitions: [EventAction, EventStatus, Parameters<typeof nextStatus>[2], EventStatus][] = [
    ["claim", "reported", {}, "assessing"],
    ["assess", "assessing", { decision: "dispatch" }, "dispatched"],
    ["assess", "assessing", { decision: "dismiss" }, "dismissed"],
    ["assess", "assessing", { decision: "merge" }, "merged"],
    ["assess", "assessing", { decision: "escalate" }, "escalated"],
    ["accept_task", "dispatched", { taskId: "t1" }, "handling"],
    ["reject_task", "dispatched", { taskId: "t1" }, "assessing"],
    ["complete_task", "handling", { taskId: "t1" }, "handling"],
    ["resolve", "handling", {}, "resolved"],
    ["schedule_follow_up", "resolved", {}, "follow_up"],
    ["record_follow_up", "follow_up", { outcome: "effective" }, "closed"],
    ["record_follow_up", "follow_up", { outcome: "recurred" }, "handling"],
    ["close", "resolved", {}, "closed"],
    ["reopen", "closed", {}, "assessing"],
    ["urge", "handling", {}, "handling"],
    ["comment", "closed", {}, "closed"],
  ];
  for (const [action, from, input, to] of transitions) {
    it(`${action} from ${from}${input?.decision ? ` (${input.decision})` : ""}${input?.outcome ? ` (${input.outcome})` : ""} leads to ${to}`, () => {
      expect(nextStatus(action, eventFor(action, from), input)).to.equal(to);
    });
  }

  it("offers each actor only what they may do now", () => {
    expect(availableActions(eventFor("claim", "reported"), ACTORS.township_officer)).to.deep.equal([
      "claim",
      "comment",
    ]);
    expect(availableActions(eventFor("claim", "reported"), ACTORS.grid_worker)).to.deep.equal(["comment"]);
    expect(availableActions(eventFor("claim", "reported"), ACTORS.supervisor)).to.deep.equal(["urge"]);
    expect(availableActions(eventFor("accept_task", "dispatched"), ACTORS.department_handler)).to.deep.equal([
      "accept_task",
      "reject_task",
      "request_extension",
      "comment",
    ]);
  });
});
