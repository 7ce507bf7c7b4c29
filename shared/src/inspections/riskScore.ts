import type { FundSupervisionStatus, InstitutionType, LicenceStatus } from "../institutions/institutionKinds";

/**
 * The institution risk score: a plain sum of points, each factor capped, so that anyone can
 * recompute it by hand from the explanation the API returns. Weights are documented in
 * docs/riskScore.md; change them there and here together.
 */

/** What the score is computed from. */
export interface RiskFacts {
  type: InstitutionType;
  licenceStatus: LicenceStatus;
  fundSupervision: FundSupervisionStatus;
  /** Events about it not yet closed, dismissed or merged. */
  openEvents: number;
  /** Events about it reported in the last `RISK_WINDOW_DAYS` days (open or not). */
  recentEvents: number;
  /** Findings recorded in its inspections in the last `RISK_WINDOW_DAYS` days. */
  recentFindings: number;
  /** Checklist items answered "fail" in the last `RISK_WINDOW_DAYS` days. */
  recentFailedChecks: number;
  /** Days since its last completed inspection; null when never inspected. */
  daysSinceInspection: number | null;
}

/** How far back events and findings count. */
export const RISK_WINDOW_DAYS = 180;

/** Points per licence status. */
export const LICENCE_POINTS: Record<LicenceStatus, number> = {
  licensed: 0,
  pending: 10,
  suspended: 25,
  unlicensed: 30,
  revoked: 30,
};
/** Points per fund-supervision status. */
export const FUND_POINTS: Record<FundSupervisionStatus, number> = {
  supervised: 0,
  partial: 10,
  not_supervised: 20,
  abnormal: 30,
};
/** Points per counted thing, and the most a count may add. */
export const COUNT_WEIGHTS = {
  openEvents: { each: 8, max: 32 },
  recentEvents: { each: 4, max: 20 },
  recentFindings: { each: 5, max: 20 },
  recentFailedChecks: { each: 2, max: 10 },
} as const;
/** Subject tutoring (学科类) is what 双减 restricts most. */
export const SUBJECT_POINTS = 10;
/** Never inspected, or not for a long time. */
export const INSPECTION_GAP_POINTS = { never: 15, overDays: 90, stale: 10 } as const;

/** One line of the explanation. */
export interface RiskFactor {
  factor: "licence" | "fund_supervision" | "subject_type" | keyof typeof COUNT_WEIGHTS | "inspection_gap";
  /** The fact as found. */
  value: string | number | null;
  points: number;
  /** The rule that turned the fact into points, in English (the client translates by `factor`). */
  rule: string;
}

/** The score and every factor behind it, largest first. */
export interface RiskScore {
  score: number;
  factors: RiskFactor[];
}

/** Computes the score of one institution from its facts. */
export function riskScoreOf(facts: RiskFacts): RiskScore {
  const factors: RiskFactor[] = [
    {
      factor: "licence",
      value: facts.licenceStatus,
      points: LICENCE_POINTS[facts.licenceStatus],
      rule: "licensed 0, pending 10, suspended 25, unlicensed or revoked 30",
    },
    {
      factor: "fund_supervision",
      value: facts.fundSupervision,
      points: FUND_POINTS[facts.fundSupervision],
      rule: "supervised 0, partial 10, not supervised 20, abnormal 30",
    },
    {
      factor: "subject_type",
      value: facts.type,
      points: facts.type === "subject" ? SUBJECT_POINTS : 0,
      rule: `subject tutoring ${SUBJECT_POINTS}, other kinds 0`,
    },
  ];
  for (const key of Object.keys(COUNT_WEIGHTS) as (keyof typeof COUNT_WEIGHTS)[]) {
    const { each, max } = COUNT_WEIGHTS[key];
    factors.push({
      factor: key,
      value: facts[key],
      points: Math.min(facts[key] * each, max),
      rule: `${each} each, at most ${max}`,
    });
  }
  const gap = facts.daysSinceInspection;
  factors.push({
    factor: "inspection_gap",
    value: gap,
    points:
      gap === null
        ? INSPECTION_GAP_POINTS.never
        : gap > INSPECTION_GAP_POINTS.overDays
          ? INSPECTION_GAP_POINTS.stale
          : 0,
    rule: `never inspected ${INSPECTION_GAP_POINTS.never}, last inspection over ${INSPECTION_GAP_POINTS.overDays} days ago ${INSPECTION_GAP_POINTS.stale}, else 0`,
  });
  return {
    score: factors.reduce((sum, factor) => sum + factor.points, 0),
    factors: factors.sort((a, b) => b.points - a.points),
  };
}

/** Orders items by score, highest first; ties by `tieBreak` (e.g. the name), so the order is stable. */
export function orderByRisk<T>(items: readonly T[], scoreOf: (item: T) => number, tieBreak: (item: T) => string): T[] {
  return [...items].sort((a, b) => scoreOf(b) - scoreOf(a) || tieBreak(a).localeCompare(tieBreak(b)));
}
