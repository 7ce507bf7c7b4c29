import { recentEvents } from "@gridrisk/server/events/recentEvents";
import type { EventDoc } from "@gridrisk/server/models/event";
import { expect } from "chai";
import { Types } from "mongoose";

const now = new Date("2026-11-25T08:00:00Z").getTime();
/** Metres to degrees of latitude (and roughly of longitude at 33.5° N, scaled). */
const north = (metres: number) => metres / 111_320;
const east = (metres: number) => metres / (111_320 * Math.cos((33.5 * Math.PI) / 180));

function event(fields: { lng: number; lat: number; hoursAgo?: number; institution?: Types.ObjectId; status?: string }) {
  return {
    _id: new Types.ObjectId(),
    lng: fields.lng,
    lat: fields.lat,
    occurredAt: new Date(now - (fields.hoursAgo ?? 0) * 3600_000),
    institutionId: fields.institution ?? null,
    status: fields.status ?? "reported",
  } as unknown as EventDoc;
}

describe("possible duplicates of a report (the recent event index)", () => {
  beforeEach(() => recentEvents.clear());
  after(() => recentEvents.clear());

  it("lists open events within 100 m and 24 h, or about the same institution, and nothing else", () => {
    const [lng, lat] = [119.05, 33.55];
    const school = new Types.ObjectId();
    const near = event({ lng: lng + east(60), lat: lat + north(60) }); // 85 m
    const far = event({ lng: lng + east(150), lat }); // 150 m
    const old = event({ lng, lat: lat + north(10), hoursAgo: 25 });
    const closed = event({ lng, lat: lat + north(5), status: "closed" });
    const sameInstitution = event({ lng: lng + 0.2, lat: lat + 0.2, institution: school });
    const otherCell = event({ lng: lng + east(-70), lat: lat + north(-70) }); // 99 m, maybe across a cell border
    for (const doc of [near, far, old, closed, sameInstitution, otherCell]) recentEvents.upsert(doc, now);
    const report = event({ lng, lat, institution: school });
    const found = recentEvents.candidatesFor(report).map((doc) => doc._id.toHexString());
    expect(found.sort()).to.deep.equal([near, sameInstitution, otherCell].map((doc) => doc._id.toHexString()).sort());
  });

  it("forgets an event once it is closed, and finds it again by its new place after a move", () => {
    const school = new Types.ObjectId();
    const doc = event({ lng: 119.05, lat: 33.55, institution: school });
    recentEvents.upsert(doc, now);
    const probe = event({ lng: 119.0501, lat: 33.5501 });
    expect(recentEvents.candidatesFor(probe)).to.have.length(1);
    recentEvents.upsert({ ...doc, status: "closed" } as EventDoc, now);
    expect(recentEvents.candidatesFor(probe)).to.have.length(0);
    expect(recentEvents.candidatesFor(event({ lng: 118, lat: 33, institution: school }))).to.have.length(0);
  });
});
