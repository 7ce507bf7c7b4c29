import type { Severity } from "@gridrisk/shared";
import { randomBetween, randomItem, type SeededRandom } from "../territory/demoCity/seededRandom";
import { randomChance, randomWeighted } from "./randomDraws";

// The life of one historical demo event as a list of steps, before any step is cut off at "now":
// a step in the future has simply not happened yet, so recent events stay open at a natural stage.

/** One timeline step of a planned event. */
export interface HistoryStep {
  action: string;
  toStatus: string;
  at: Date;
  actorRole: "grid_worker" | "township_officer" | "district_officer" | "department_handler" | "system";
  /** The action's fields, as the timeline stores them. */
  fields?: Record<string, unknown>;
  note?: string;
}

/** The clocks of the deadline policy, as functions of severity and start. */
export interface HistoryClocks {
  assessment(severity: Severity, from: Date): Date;
  handling(severity: Severity, from: Date): Date;
  followUp(severity: Severity, from: Date): Date;
}

/** How an event's story ends, drawn once per event. */
export type HistoryOutcome = "closed" | "dismissed" | "escalated" | "reworked";

/** The plan of one event: what happens and when, and the deadlines it ran against. */
export interface HistoryPlan {
  outcome: HistoryOutcome;
  steps: HistoryStep[];
  assessmentDue: Date;
  /** The lead task's due time, when dispatched. */
  handlingDue: Date | null;
  followUpDue: Date | null;
}

const HOUR = 3600_000;
const OUTCOMES: Record<HistoryOutcome, number> = { closed: 80, dismissed: 10, escalated: 3, reworked: 7 };

/** How long a stage takes as a share of its clock: mostly in time, sometimes late (逾期). */
function shareOfClock(random: SeededRandom, lateChance: number): number {
  return randomChance(random, lateChance) ? randomBetween(random, 1.05, 2.2) : randomBetween(random, 0.08, 0.9);
}

function after(start: Date, due: Date, share: number): Date {
  return new Date(start.getTime() + Math.max(10 * 60_000, (due.getTime() - start.getTime()) * share));
}

/**
 * Plans the life of an event reported at `reportedAt`. `lateChance` is the district's share of
 * late stages, so that districts rank differently. Overdue marks are added where a clock ran out
 * before its stage ended, as the overdue sweep would have.
 */
export function planEventHistory(
  random: SeededRandom,
  reportedAt: Date,
  severity: Severity,
  clocks: HistoryClocks,
  lateChance: number,
): HistoryPlan {
  const outcome = randomWeighted(random, OUTCOMES);
  const steps: HistoryStep[] = [{ action: "report", toStatus: "reported", at: reportedAt, actorRole: "grid_worker" }];
  const assessmentDue = clocks.assessment(severity, reportedAt);
  const assessedAt = after(reportedAt, assessmentDue, shareOfClock(random, lateChance));
  const claimedAt = new Date(reportedAt.getTime() + (assessedAt.getTime() - reportedAt.getTime()) * 0.4);
  const overdue = (stage: string, at: Date, end: Date, status: string) => {
    // Overdue handling is urged automatically (督办), as the overdue sweep does.
    const action = stage === "handling" ? "auto_urge" : "overdue";
    if (at < end) steps.push({ action, toStatus: status, at, actorRole: "system", fields: { overdue: [stage] } });
  };
  overdue("assessment", assessmentDue, claimedAt, "reported");
  steps.push({ action: "claim", toStatus: "assessing", at: claimedAt, actorRole: "township_officer" });
  overdue("assessment", assessmentDue, assessedAt, "assessing");
  if (outcome === "dismissed") {
    steps.push({
      action: "assess",
      toStatus: "dismissed",
      at: assessedAt,
      actorRole: "township_officer",
      fields: { severity, decision: "dismiss" },
      note: randomItem(random, ["经核实不属于风险事件", "重复上报，已在其他事件中处理", "现场核查未发现问题"]),
    });
    return { outcome, steps: dedupeOverdue(steps), assessmentDue, handlingDue: null, followUpDue: null };
  }
  let dispatchedAt = assessedAt;
  let dispatcher: HistoryStep["actorRole"] = "township_officer";
  if (outcome === "escalated") {
    // The township hands it up; the district claims it in its own time and dispatches.
    steps.push({
      action: "assess",
      toStatus: "escalated",
      at: assessedAt,
      actorRole: "township_officer",
      fields: { severity, decision: "escalate" },
      note: "涉及多个街道，提请区级研判",
    });
    const districtDue = clocks.assessment(severity, assessedAt);
    dispatchedAt = after(assessedAt, districtDue, shareOfClock(random, lateChance));
    dispatcher = "district_officer";
    steps.push({
      action: "claim",
      toStatus: "assessing",
      at: new Date((assessedAt.getTime() + dispatchedAt.getTime()) / 2),
      actorRole: dispatcher,
    });
  }
  const handlingDue = clocks.handling(severity, dispatchedAt);
  steps.push({
    action: "assess",
    toStatus: "dispatched",
    at: dispatchedAt,
    actorRole: dispatcher,
    fields: { severity, decision: "dispatch" },
  });
  const acceptedAt = new Date(dispatchedAt.getTime() + randomBetween(random, 0.3, 6) * HOUR);
  steps.push({ action: "accept_task", toStatus: "handling", at: acceptedAt, actorRole: "department_handler" });
  const completedAt = after(acceptedAt, handlingDue, shareOfClock(random, lateChance));
  overdue("handling", handlingDue, completedAt, "handling");
  steps.push({ action: "complete_task", toStatus: "handling", at: completedAt, actorRole: "department_handler" });
  const resolvedAt = new Date(completedAt.getTime() + randomBetween(random, 0.5, 8) * HOUR);
  steps.push({ action: "resolve", toStatus: "resolved", at: resolvedAt, actorRole: dispatcher });
  const followUpDue = clocks.followUp(severity, resolvedAt);
  let visitedAt = after(resolvedAt, followUpDue, shareOfClock(random, lateChance / 2));
  overdue("followUp", followUpDue, visitedAt, "resolved");
  if (outcome === "reworked") {
    steps.push({
      action: "record_follow_up",
      toStatus: "handling",
      at: visitedAt,
      actorRole: "township_officer",
      fields: { outcome: "recurred" },
      note: "回访发现问题复现，退回重新处置",
    });
    const redoneAt = new Date(visitedAt.getTime() + randomBetween(random, 12, 72) * HOUR);
    steps.push({ action: "complete_task", toStatus: "handling", at: redoneAt, actorRole: "department_handler" });
    const reResolvedAt = new Date(redoneAt.getTime() + randomBetween(random, 1, 6) * HOUR);
    steps.push({ action: "resolve", toStatus: "resolved", at: reResolvedAt, actorRole: "township_officer" });
    visitedAt = new Date(reResolvedAt.getTime() + randomBetween(random, 24, 96) * HOUR);
  }
  steps.push({
    action: "record_follow_up",
    toStatus: "closed",
    at: visitedAt,
    actorRole: "township_officer",
    fields: { outcome: "effective" },
    note: "回访确认整改到位",
  });
  return { outcome, steps: dedupeOverdue(steps), assessmentDue, handlingDue, followUpDue };
}

/** Keeps steps in time order and one overdue mark per stage. */
function dedupeOverdue(steps: HistoryStep[]): HistoryStep[] {
  const marked = new Set<string>();
  return steps
    .filter((step) => {
      if (step.action !== "overdue" && step.action !== "auto_urge") return true;
      const stage = String((step.fields?.overdue as string[] | undefined)?.[0]);
      if (marked.has(stage)) return false;
      marked.add(stage);
      return true;
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
