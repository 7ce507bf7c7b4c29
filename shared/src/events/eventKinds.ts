/** The national four grades of severity, mildest first: 一般, 较大, 重大, 特别重大. */
export const SEVERITIES = ["general", "major", "serious", "very_serious"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The risk categories shipped by default; the admin may add and retire categories. */
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
/** A risk category's code: a default one or one the admin added. */
export type EventCategory = string;

/** The form of a category code; whether it is known is checked against the catalogue. */
export const CATEGORY_CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

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
