import { expect } from "chai";
import { nearestDeadline } from "../../client/src/desk/eventTypes";

const deadlines = {
  assessment: "2026-11-26T01:00:00.000Z",
  handling: "2026-11-27T01:00:00.000Z",
  followUp: "2026-12-03T01:00:00.000Z",
};

describe("the deadline the duty desk shows for an event's stage", () => {
  it("is the clock of the stage the event is in", () => {
    expect(nearestDeadline({ status: "reported", deadlines })).to.equal(deadlines.assessment);
    expect(nearestDeadline({ status: "assessing", deadlines })).to.equal(deadlines.assessment);
    expect(nearestDeadline({ status: "dispatched", deadlines })).to.equal(deadlines.handling);
    expect(nearestDeadline({ status: "handling", deadlines })).to.equal(deadlines.handling);
    expect(nearestDeadline({ status: "follow_up", deadlines })).to.equal(deadlines.followUp);
    expect(nearestDeadline({ status: "closed", deadlines })).to.equal(undefined);
  });

  it("is the follow-up clock once resolved: resolving clears the handling one", () => {
    // As the server presents a resolved event (transitionPlan's resolve sets handling to null,
    // which the summary leaves out).
    const { handling: _ended, ...open } = deadlines;
    expect(nearestDeadline({ status: "resolved", deadlines: open })).to.equal(deadlines.followUp);
  });
});
