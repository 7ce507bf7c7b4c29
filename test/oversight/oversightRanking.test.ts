import { rankRegions } from "@gridrisk/server/oversight/oversightRanking";
import { median, urgingResponses } from "@gridrisk/server/oversight/urgingResponses";
import { expect } from "chai";

const at = (hour: number) => new Date(Date.UTC(2026, 5, 1, hour));
const entry = (action: string, hour: number, actorRole = "township_officer") => ({
  action,
  at: at(hour),
  actorRole,
  actorName: actorRole,
});

describe("oversight figures", () => {
  it("answers an urging with the owners' next action, not with more urgings or remarks of overseers", () => {
    const responses = urgingResponses([
      entry("report", 0, "grid_worker"),
      entry("urge", 1, "supervisor"),
      entry("auto_urge", 2, "system"),
      entry("overdue", 3, "system"),
      entry("claim", 5),
      entry("urge", 6, "district_officer"),
    ]);
    expect(responses.map((r) => [r.automatic, r.answerHours])).to.deep.equal([
      [false, 4],
      [true, 3],
      [false, null],
    ]);
  });

  it("takes the median", () => {
    expect(median([])).to.equal(null);
    expect(median([5, 1, 3])).to.equal(3);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
  });

  it("ranks regions by on-time rate, then fewer overdue, listing regions without events last", () => {
    const regions = [
      { id: "a", name: "甲街道", level: "township" as const },
      { id: "b", name: "乙街道", level: "township" as const },
      { id: "c", name: "丙街道", level: "township" as const },
    ];
    const event = (region: string, status: string, extra: Partial<Parameters<typeof rankRegions>[0][number]> = {}) => ({
      regionPath: ["city", region],
      status,
      overdueStages: [],
      reworkCount: 0,
      timeline: [entry("report", 0, "grid_worker")],
      ...extra,
    });
    const rows = rankRegions(
      [
        event("a", "closed", { timeline: [entry("report", 0), entry("overdue", 9, "system")] }),
        event("a", "closed", { reworkCount: 1 }),
        event("a", "handling", {
          overdueStages: ["handling"],
          timeline: [entry("urge", 1, "supervisor"), entry("comment", 3)],
        }),
        event("b", "closed"),
        event("b", "resolved"),
        event("elsewhere", "closed"),
      ],
      regions,
    );
    expect(rows.map((row) => row.region.id)).to.deep.equal(["b", "a", "c"]);
    const a = rows[1];
    expect(a).to.deep.include({
      events: 3,
      handled: 2,
      onTime: 1,
      onTimeRate: 0.5,
      reworked: 1,
      reworkRate: 0.5,
      overdueNow: 1,
      urgings: 1,
      answeredUrgings: 1,
      medianAnswerHours: 2,
    });
    expect(rows[2]).to.deep.include({ events: 0, onTimeRate: null });
  });
});
