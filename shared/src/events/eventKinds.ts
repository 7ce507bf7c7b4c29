/** The national four grades of severity, mildest first: 一般, 较大, 重大, 特别重大. */
export const SEVERITIES = ["general", "major", "serious", "very_serious"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Default risk categories (configurable later by the admin). */
export const DEFAULT_EVENT_CATEGORIES = [
  "unlicensed_training",
  "prepaid_fee_risk",
  "abnormal_funds",
  "safety_hazard",
  "refund_dispute",
  "false_advertising",
  "over_hours",
  "collective_complaint",
  "other",
] as const;
export type EventCategory = (typeof DEFAULT_EVENT_CATEGORIES)[number];

/** Where a report came from. */
export const EVENT_SOURCES = ["grid_report", "inspection", "hotline", "fund_monitoring", "public", "rule"] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** Every state of an event (see PRODUCT.md, "The event lifecycle"). */
export const EVENT_STATUSES = [
  "reported",
  "escalated",
  "assessing",
  "dispatched",
  "handling",
  "resolved",
  "follow_up",
  "closed",
  "dismissed",
  "merged",
] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** States in which nothing more happens unless a city-level user reopens. */
export const FINAL_STATUSES: readonly EventStatus[] = ["closed", "dismissed", "merged"];

/** The levels that own an event in turn: the township first, up by escalation. */
export const OWNING_LEVELS = ["township", "district", "city"] as const;
export type OwningLevel = (typeof OWNING_LEVELS)[number];

/** Stages that run on a clock. */
export const CLOCKED_STAGES = ["assessment", "handling", "followUp"] as const;
export type ClockedStage = (typeof CLOCKED_STAGES)[number];

/** What happens to a department's task. */
export const TASK_STATUSES = ["pending", "accepted", "completed", "rejected", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
