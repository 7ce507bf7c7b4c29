import { EVENT_LIMITS, type EventCategoryEntry, type EventStatus, type Severity } from "@gridrisk/shared";
import type { EventDoc } from "../models/event";
import type { TerritoryRegistry } from "../territory/territoryRegistry";

/** The two statuses of GeoReport v2. */
export type Open311Status = "open" | "closed";

/** Internal statuses that are `closed` to Open311; every other one is `open`. */
export const CLOSED_STATUSES: readonly EventStatus[] = ["closed", "dismissed", "merged"];

/** The status note of each internal status, zh-CN first. */
const STATUS_NOTES: Record<EventStatus, string> = {
  reported: "已上报，待研判 (reported, awaiting assessment)",
  escalated: "已上报上级，待研判 (escalated to the level above)",
  assessing: "研判中 (being assessed)",
  dispatched: "已派遣职能部门 (dispatched to departments)",
  handling: "处置中 (being handled)",
  resolved: "已处置，待回访 (handled, follow-up pending)",
  follow_up: "跟踪回访中 (follow-up visit)",
  closed: "已结案 (closed)",
  dismissed: "不予立案 (dismissed)",
  merged: "已合并到其他事件 (merged into another request)",
};

/** Open311's status of an internal status. */
export function open311StatusOf(status: EventStatus): Open311Status {
  return CLOSED_STATUSES.includes(status) ? "closed" : "open";
}

/** The internal statuses behind Open311 statuses. */
export function statusesFor(statuses: readonly Open311Status[]): EventStatus[] {
  const closed = new Set<EventStatus>(CLOSED_STATUSES);
  return (Object.keys(STATUS_NOTES) as EventStatus[]).filter((status) =>
    statuses.includes(closed.has(status) ? "closed" : "open"),
  );
}

/** A service of services.json: one risk category. */
export function open311Service(category: EventCategoryEntry) {
  return {
    service_code: category.code,
    service_name: category.name,
    description: category.nameEn ? `${category.name} (${category.nameEn})` : category.name,
    metadata: true,
    type: "realtime",
    keywords: [category.nameEn, category.code].filter(Boolean).join(", "),
    group: "校外培训机构风险",
  };
}

/** Names of the severity grades, for the `severity` attribute. */
const SEVERITY_NAMES: Record<Severity, string> = {
  general: "一般 (general)",
  major: "较大 (major)",
  serious: "重大 (serious)",
  very_serious: "特别重大 (very serious)",
};

/** The service definition of services/{code}: the attributes a request may carry. */
export function open311ServiceDefinition(category: EventCategoryEntry) {
  return {
    service_code: category.code,
    attributes: [
      {
        variable: true,
        code: "title",
        datatype: "string",
        required: false,
        datatype_description: `至多 ${EVENT_LIMITS.maxTitleLength} 字；缺省取描述的开头 (at most ${EVENT_LIMITS.maxTitleLength} characters; defaults to the start of the description)`,
        order: 1,
        description: "标题 (title)",
        values: [],
      },
      {
        variable: true,
        code: "severity",
        datatype: "singlevaluelist",
        required: false,
        datatype_description: null,
        order: 2,
        description: "上报人判断的等级，值班员研判时确定 (the reporter's hint; the duty officer decides)",
        values: (Object.keys(SEVERITY_NAMES) as Severity[]).map((key) => ({ key, name: SEVERITY_NAMES[key] })),
      },
    ],
  };
}

/** The service_request_id of an event: its public code. */
export const serviceRequestIdOf = (event: Pick<EventDoc, "code">) => event.code;

/**
 * A service request as Open311 shows it. Nothing personal leaves: no reporter, no handler, no
 * description text (which may name people); the title stands for the description.
 */
export function open311Request(event: EventDoc, categoryNames: Map<string, string>, regions: TerritoryRegistry) {
  const status = event.status as EventStatus;
  const path = event.regionPath.map((id) => regions.get(String(id))).filter((region) => region !== undefined);
  const lead = event.tasks?.find((task) => task.role === "lead");
  return {
    service_request_id: serviceRequestIdOf(event),
    status: open311StatusOf(status),
    status_notes: STATUS_NOTES[status],
    service_name: categoryNames.get(event.category) ?? event.category,
    service_code: event.category,
    description: event.title,
    agency_responsible: lead ? "职能部门 (department)" : "乡镇/街道 (township)",
    service_notice: null,
    requested_datetime: (event.createdAt ?? event.occurredAt).toISOString(),
    updated_datetime: (event.updatedAt ?? event.occurredAt).toISOString(),
    expected_datetime: event.nextDeadline ? event.nextDeadline.toISOString() : null,
    address: path
      .filter((region) => region.level !== "city")
      .map((region) => region.name)
      .join(" "),
    address_id: null,
    zipcode: null,
    lat: event.lat,
    long: event.lng,
    media_url: null,
  };
}
export type Open311RequestView = ReturnType<typeof open311Request>;
