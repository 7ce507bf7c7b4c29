import { applyPlan } from "@gridrisk/server/commands/eventTransitioner";
import { cacheEvent, forgetEvent } from "@gridrisk/server/events/eventCache";
import { type EventDoc, EventModel } from "@gridrisk/server/models/event";
import { expect } from "chai";
import { bearer } from "../helpers/accounts";
import { act, buildReport, readEvent, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { useTestDatabase } from "../helpers/testDatabase";
import { useTownshipDesk } from "../helpers/townshipDesk";

/**
 * This instance remembers events it touched, to skip a read before each action; another instance
 * changing the event meanwhile must never let a stale copy through.
 */
describe("actions on an event another instance changed meanwhile", () => {
  useTestDatabase();
  const desk = useTownshipDesk();

  /** What another instance does: the same claim-then-update, without touching this instance's copy. */
  async function changeElsewhere(id: string, note: string): Promise<void> {
    const doc = (await EventModel.findById(id).lean()) as EventDoc;
    const plan = { set: {}, inc: {}, toStatus: doc.status, note, fields: null, evidence: [] };
    await applyPlan(doc, null, "comment", plan, new Date());
    // The other instance's copy is not ours: drop what applyPlan cached here and put back the
    // copy this instance had before.
    forgetEvent(id);
    cacheEvent(doc);
  }

  it("answers 409 to a client as stale as the cached copy, and acts on the current version otherwise", async () => {
    const created = await report(desk.url, desk.worker, buildReport(119.02, 33.52));
    const id = created.body.event.id as string;
    await changeElsewhere(id, "另一实例的批注");
    const stale = await act(desk.url, desk.officer, id, { action: "claim", expectedVersion: 1 });
    expect(stale.status, stale.text).to.equal(409);
    expect(stale.body.error.details.currentVersion).to.equal(2);
    const current = await act(desk.url, desk.officer, id, { action: "claim", expectedVersion: 2 });
    expect(current.status, current.text).to.equal(200);
    const event = await readEvent(desk.url, desk.officer, id);
    expect(event.version).to.equal(3);
    expect(event.timeline.map((entry: { action: string }) => entry.action)).to.deep.equal([
      "report",
      "comment",
      "claim",
    ]);
    const verified = await request(`${desk.url}/api/events/${id}/verify`, { headers: bearer(desk.officer) });
    expect(verified.body.valid, verified.text).to.equal(true);
  });
});
