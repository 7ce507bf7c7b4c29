import { orderByRisk, type RiskFacts, riskScoreOf } from "@gridrisk/shared";
import { expect } from "chai";

const calm: RiskFacts = {
  type: "arts",
  licenceStatus: "licensed",
  fundSupervision: "supervised",
  openEvents: 0,
  recentEvents: 0,
  recentFindings: 0,
  recentFailedChecks: 0,
  daysSinceInspection: 10,
};

/** A fixture of institutions whose order a plan must follow. */
const FIXTURE: { name: string; facts: RiskFacts; score: number }[] = [
  { name: "A 平安美术", facts: calm, score: 0 },
  // Never inspected: 15.
  { name: "B 新开舞蹈", facts: { ...calm, daysSinceInspection: null }, score: 15 },
  // Subject tutoring 10 + unlicensed 30 + abnormal funds 30 + 2 open events (16) + 2 recent (8).
  {
    name: "C 无证学科",
    facts: {
      ...calm,
      type: "subject",
      licenceStatus: "unlicensed",
      fundSupervision: "abnormal",
      openEvents: 2,
      recentEvents: 2,
    },
    score: 94,
  },
  // Partly supervised 10 + 9 findings capped at 20 + 3 failed checks 6 + stale inspection 10.
  {
    name: "D 部分监管",
    facts: { ...calm, fundSupervision: "partial", recentFindings: 9, recentFailedChecks: 3, daysSinceInspection: 120 },
    score: 46,
  },
  { name: "E 同分", facts: { ...calm, daysSinceInspection: null }, score: 15 },
];

describe("institution risk score", () => {
  it("adds capped, documented points per factor", () => {
    for (const { name, facts, score } of FIXTURE) expect(riskScoreOf(facts).score, name).to.equal(score);
  });

  it("explains every factor, largest first, and the points add up to the score", () => {
    const explained = riskScoreOf(FIXTURE[2]?.facts ?? calm);
    expect(explained.factors.map((factor) => factor.factor).slice(0, 3)).to.deep.equal([
      "licence",
      "fund_supervision",
      "openEvents",
    ]);
    expect(explained.factors.reduce((sum, factor) => sum + factor.points, 0)).to.equal(explained.score);
    expect(explained.factors.find((factor) => factor.factor === "openEvents")).to.deep.equal({
      factor: "openEvents",
      value: 2,
      points: 16,
      rule: "8 each, at most 32",
    });
  });

  it("orders a plan's visits riskiest first, ties by name", () => {
    const ordered = orderByRisk(
      FIXTURE,
      (item) => riskScoreOf(item.facts).score,
      (item) => item.name,
    );
    expect(ordered.map((item) => item.name)).to.deep.equal([
      "C 无证学科",
      "D 部分监管",
      "B 新开舞蹈",
      "E 同分",
      "A 平安美术",
    ]);
  });
});
