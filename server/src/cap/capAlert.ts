import type { Severity } from "@gridrisk/shared";
import type { EventDoc } from "../models/event";
import { type XmlElement, xmlDocument } from "../open311/open311Xml";

/** The severities that may be sent as a CAP alert (重大, 特别重大). */
export const CAP_SEVERITIES: readonly Severity[] = ["serious", "very_serious"];

const CAP_SEVERITY: Record<string, "Extreme" | "Severe"> = { very_serious: "Extreme", serious: "Severe" };
const CAP_URGENCY: Record<string, "Immediate" | "Expected"> = { very_serious: "Immediate", serious: "Expected" };
const CAP_CATEGORY: Record<string, string> = {
  safety_hazard: "Safety",
  collective_complaint: "Security",
  unlicensed_training: "Safety",
};
/** Radius of the alert's circle around the reported point, in kilometres. */
const AREA_RADIUS_KM = 0.5;
const ENDED = new Set(["closed", "dismissed", "merged"]);

/** A CAP date-time: no fractions, a numeric offset (CAP forbids "Z"); China Standard Time. */
export function capDateTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

/** What the alert says besides the event: who sends it, the area's names and the category's name. */
export interface CapContext {
  /** e.g. `gridrisk.320800`: no spaces, commas, `<` or `&`. */
  sender: string;
  senderName: string;
  areaDesc: string;
  categoryName: string;
  now: Date;
}

/**
 * The CAP 1.2 alert of a serious or very serious event: identifier, sender, sent, status,
 * msgType, scope Restricted to the city's warning systems, one
 * info block in zh-CN and its area as a circle around the reported point. No personal data.
 */
export function capAlert(event: EventDoc, context: CapContext): string {
  const severity = event.severity;
  const ended = ENDED.has(event.status);
  const info: XmlElement[] = [
    ["language", "zh-CN"],
    ["category", CAP_CATEGORY[event.category] ?? "Other"],
    ["event", `校外培训机构风险：${context.categoryName}`],
    ["responseType", ended ? "AllClear" : "Monitor"],
    ["urgency", CAP_URGENCY[severity] ?? "Unknown"],
    ["severity", CAP_SEVERITY[severity] ?? "Unknown"],
    ["certainty", event.severityAssessed ? "Observed" : "Likely"],
    ["senderName", context.senderName],
    ["headline", `${event.code} ${event.title}`.slice(0, 160)],
    ["description", `${context.categoryName}；事件编号 ${event.code}；当前状态 ${event.status}。`],
    ["instruction", ended ? "事件已结案或撤销。" : "请相关单位按职责关注并配合处置。"],
    [
      "area",
      [
        ["areaDesc", context.areaDesc],
        ["circle", `${event.lat},${event.lng} ${AREA_RADIUS_KM}`],
      ],
    ],
  ];
  return xmlDocument([
    "alert",
    [
      ["identifier", `${context.sender}.${event.code}.v${event.version}`],
      ["sender", context.sender],
      ["sent", capDateTime(context.now)],
      ["status", "Actual"],
      // Each export is a self-contained alert for the event's current version (no references to
      // earlier messages, which this system does not keep); an ended event says AllClear.
      ["msgType", "Alert"],
      ["scope", "Restricted"],
      ["restriction", "仅限本市预警与指挥系统 (city warning and command systems only)"],
      ["info", info],
    ],
  ]).replace("<alert>", '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
}
