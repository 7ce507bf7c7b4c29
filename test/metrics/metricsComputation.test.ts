import type { MetricFact } from "@gridrisk/server/metrics/metricFact";
import { metricFactOf } from "@gridrisk/server/metrics/metricFact";
import {
  computeMetrics,
  daysOf,
  isOverdueNow,
  kthSmallest,
  percentile,
  stageDuration,
} from "@gridrisk/server/metrics/metricsComputation";
import type { EventDoc } from "@gridrisk/server/models/event";
import { expect } from "chai";
import { Types } from "mongoose";

const H = 3600_000;
const FROM = Date.parse("2026-10-01T00:00:00+08:00");
const TO = Date.parse("2026-10-04T00:00:00+08:00");
const NOW = Date.parse("2026-10-05T00:00:00+08:00");

/** A fact with neutral defaults: reported in district A, nothing happened yet. */
function fact(overrides: Partial<MetricFact>): MetricFact {
  return {
    id: new Types.ObjectId().toHexString(),
    version: 1,
    code: "HA-2026-000001",
    title: "t",
    regionPath: ["city", "A", "A1"],
    institutionId: null,
    source: "app",
    lng: 119,
    lat: 33.5,
    category: "safety_hazard",
    severity: "general",
    status: "reported",
    reportedAt: FROM + H,
    assessedAt: null,
    assessmentLate: false,
    dispatchedAt: null,
    resolvedAt: null,
    handlingLate: false,
    closedAt: null,
    reworked: false,
    urges: 0,
    nextDeadline: null,
    overdueStages: [],
    reporterId: null,
    followUpAssigneeId: null,
    departmentIds: [],
    stageDeadlines: { assessment: null, handling: null, followUp: null },
    ...overrides,
  };
}

/**
 * Five events by hand:
 *   e1 A  closed: assessed after 2 h, dispatched at 2 h, resolved at 12 h, closed at 36 h; 1 urging
 *   e2 A  closed: assessed late after 20 h, dispatched 20 h, resolved late at 60 h, closed at 70 h, reworked
 *   e3 B  handling, dispatched after 4 h (on time), handling overdue now; 2 urgings
 *   e4 B  reported inside the period, nothing else (major)
 *   e5 B  reported before the period, still open and overdue now (counted only as overdue)
 */
const r = FROM + H;
const FACTS: MetricFact[] = [
  fact({
    status: "closed",
    assessedAt: r + 2 * H,
    dispatchedAt: r + 2 * H,
    resolvedAt: r + 12 * H,
    closedAt: r + 36 * H,
    urges: 1,
  }),
  fact({
    status: "closed",
    assessedAt: r + 20 * H,
    assessmentLate: true,
    dispatchedAt: r + 20 * H,
    resolvedAt: r + 60 * H,
    handlingLate: true,
    closedAt: r + 70 * H,
    reworked: true,
    category: "refund_dispute",
  }),
  fact({
    regionPath: ["city", "B", "B1"],
    status: "handling",
    assessedAt: r + 4 * H,
    dispatchedAt: r + 4 * H,
    overdueStages: ["handling"],
    urges: 2,
    reportedAt: r,
  }),
  fact({ regionPath: ["city", "B", "B1"], severity: "major", reportedAt: TO - H }),
  fact({ regionPath: ["city", "B", "B2"], reportedAt: FROM - 10 * H, nextDeadline: NOW - H }),
];

describe("metrics computation (pure)", () => {
  it("takes the nearest-rank p90 and the mean of stage durations", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).to.equal(9);
    expect(percentile([5], 0.9)).to.equal(5);
    expect(percentile([], 0.9)).to.equal(null);
    expect(stageDuration([3 * H, 1 * H, 2 * H])).to.deep.equal({ count: 3, meanMs: 2 * H, p90Ms: 3 * H });
  });

  it("selects the k-th smallest as a full sort would, duplicates included", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return seed % 50;
    };
    for (let round = 0; round < 50; round++) {
      const values = Array.from({ length: 1 + (round % 13) * 7 }, next);
      const sorted = [...values].sort((a, b) => a - b);
      const k = round % values.length;
      expect(kthSmallest(Float64Array.from(values), k), `round ${round}`).to.equal(sorted[k]);
    }
  });

  it("counts an open event past its deadline as overdue even before the sweep marks it", () => {
    expect(isOverdueNow(fact({ nextDeadline: NOW - 1 }), NOW)).to.equal(true);
    expect(isOverdueNow(fact({ nextDeadline: NOW + 1 }), NOW)).to.equal(false);
    expect(isOverdueNow(fact({ status: "closed", overdueStages: ["handling"] }), NOW)).to.equal(false);
  });

  it("computes the territory's figures from the hand-computed fixture", () => {
    const result = computeMetrics(FACTS, { from: FROM, to: TO, now: NOW }, (f) => f.regionPath[1]);
    const { totals } = result;
    expect(totals).to.deep.include({
      reported: 4,
      assessed: 3,
      assessedOnTime: 2,
      onTimeAssessmentRate: 0.6667,
      handled: 2,
      handledOnTime: 1,
      onTimeHandlingRate: 0.5,
      closed: 2,
      closureRate: 0.5,
      reworked: 1,
      reworkRate: 0.5,
      urgings: 3,
      overdueNow: 2,
    });
    // assessment 2 h, 20 h, 4 h → mean 26/3 h, p90 = the 3rd of 3 = 20 h
    expect(totals.stages.assessment).to.deep.equal({ count: 3, meanMs: Math.round((26 * H) / 3), p90Ms: 20 * H });
    // handling 10 h and 40 h; follow-up 24 h and 10 h
    expect(totals.stages.handling).to.deep.equal({ count: 2, meanMs: 25 * H, p90Ms: 40 * H });
    expect(totals.stages.followUp).to.deep.equal({ count: 2, meanMs: 17 * H, p90Ms: 24 * H });
  });

  it("breaks the figures down by child region, category and severity", () => {
    const result = computeMetrics(FACTS, { from: FROM, to: TO, now: NOW }, (f) => f.regionPath[1]);
    expect(result.byChild.get("A")).to.deep.include({ reported: 2, closed: 2, closureRate: 1, overdueNow: 0 });
    expect(result.byChild.get("B")).to.deep.include({ reported: 2, closed: 0, closureRate: 0, overdueNow: 2 });
    expect(result.byCategory.get("refund_dispute")).to.deep.include({ reported: 1, reworkRate: 1 });
    expect(result.byCategory.get("safety_hazard")).to.deep.include({ reported: 3, handled: 1 });
    expect(result.bySeverity.get("major")).to.deep.include({ reported: 1, onTimeAssessmentRate: null });
    expect(result.byStatus).to.deep.equal({ closed: 2, handling: 1, reported: 1 });
  });

  it("counts reports and closures per China calendar day across the period", () => {
    const result = computeMetrics(FACTS, { from: FROM, to: TO, now: NOW }, () => undefined);
    expect(result.daily).to.deep.equal([
      { date: "2026-10-01", reported: 3, closed: 0 },
      { date: "2026-10-02", reported: 0, closed: 1 },
      { date: "2026-10-03", reported: 1, closed: 1 },
    ]);
    expect(daysOf(FROM, FROM + 1)).to.deep.equal(["2026-10-01"]);
  });
});

describe("metric fact of a stored event", () => {
  const at = (hours: number) => new Date(FROM + hours * H);
  const entry = (action: string, toStatus: string, hours: number, fields: unknown = null) => ({
    action,
    toStatus,
    at: at(hours),
    fields: fields ? JSON.stringify(fields) : null,
  });

  it("reads stage times and lateness from the timeline", () => {
    const doc = {
      _id: new Types.ObjectId(),
      code: "HA-2026-000009",
      title: "t",
      regionPath: [new Types.ObjectId(), new Types.ObjectId()],
      lng: 119,
      lat: 33.5,
      category: "other",
      severity: "major",
      status: "closed",
      createdAt: at(0),
      closedAt: at(50),
      reworkCount: 1,
      urgeCount: 2,
      nextDeadline: null,
      overdueStages: [],
      version: 9,
      timeline: [
        entry("report", "reported", 0),
        entry("overdue", "reported", 12, { overdue: ["assessment"] }),
        entry("claim", "assessing", 13),
        entry("assess", "dispatched", 14, { decision: "dispatch" }),
        entry("accept_task", "handling", 15),
        entry("resolve", "resolved", 30),
        entry("auto_urge", "resolved", 31, { overdue: ["followUp"] }),
        entry("record_follow_up", "closed", 50),
      ],
    } as unknown as EventDoc;
    const result = metricFactOf(doc);
    expect(result).to.deep.include({
      reportedAt: FROM,
      assessedAt: FROM + 14 * H,
      assessmentLate: true,
      dispatchedAt: FROM + 14 * H,
      resolvedAt: FROM + 30 * H,
      handlingLate: false,
      closedAt: FROM + 50 * H,
      reworked: true,
      urges: 2,
      version: 9,
    });
  });
});
