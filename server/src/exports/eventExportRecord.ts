import type { RegionLevel } from "@gridrisk/shared";
import type { EventDoc } from "../models/event";
import type { TerritoryRegistry } from "../territory/territoryRegistry";

/** The fields of an event that an export carries: no reporter, no timeline, no personal data. */
export interface EventExportRecord {
  code: string;
  title: string;
  status: string;
  severity: string;
  category: string;
  source: string;
  lng: number;
  lat: number;
  district: string;
  township: string;
  community: string;
  grid: string;
  occurredAt: string;
  createdAt: string;
  assessmentDeadline: string;
  handlingDeadline: string;
  followUpDeadline: string;
  overdueStages: string;
  reworkCount: number;
  urgeCount: number;
  resolvedAt: string;
  closedAt: string;
}

/** The CSV columns in order, with their zh-CN headings (the first row of the file). */
export const EVENT_EXPORT_COLUMNS: readonly { key: keyof EventExportRecord; heading: string }[] = [
  { key: "code", heading: "事件编号" },
  { key: "title", heading: "标题" },
  { key: "status", heading: "状态" },
  { key: "severity", heading: "等级" },
  { key: "category", heading: "类别" },
  { key: "source", heading: "来源" },
  { key: "lng", heading: "经度" },
  { key: "lat", heading: "纬度" },
  { key: "district", heading: "县区" },
  { key: "township", heading: "乡镇街道" },
  { key: "community", heading: "社区村" },
  { key: "grid", heading: "网格" },
  { key: "occurredAt", heading: "发生时间" },
  { key: "createdAt", heading: "上报时间" },
  { key: "assessmentDeadline", heading: "研判时限" },
  { key: "handlingDeadline", heading: "处置时限" },
  { key: "followUpDeadline", heading: "回访时限" },
  { key: "overdueStages", heading: "超期环节" },
  { key: "reworkCount", heading: "返工次数" },
  { key: "urgeCount", heading: "督办次数" },
  { key: "resolvedAt", heading: "处置完成时间" },
  { key: "closedAt", heading: "结案时间" },
];

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : "");

/** The export record of one event; region names come from the in-memory territory. */
export function eventExportRecord(doc: EventDoc, regions: TerritoryRegistry): EventExportRecord {
  const nameAt = (level: RegionLevel) => {
    for (const id of doc.regionPath) {
      const region = regions.get(String(id));
      if (region?.level === level) return region.name;
    }
    return "";
  };
  return {
    code: doc.code,
    title: doc.title,
    status: doc.status,
    severity: doc.severity,
    category: doc.category,
    source: doc.source,
    lng: doc.lng,
    lat: doc.lat,
    district: nameAt("district"),
    township: nameAt("township"),
    community: nameAt("community"),
    grid: nameAt("grid"),
    occurredAt: iso(doc.occurredAt),
    createdAt: iso(doc.createdAt),
    assessmentDeadline: iso(doc.deadlines?.assessment),
    handlingDeadline: iso(doc.deadlines?.handling),
    followUpDeadline: iso(doc.deadlines?.followUp),
    overdueStages: (doc.overdueStages ?? []).join(" "),
    reworkCount: doc.reworkCount ?? 0,
    urgeCount: doc.urgeCount ?? 0,
    resolvedAt: iso(doc.resolvedAt),
    closedAt: iso(doc.closedAt),
  };
}
