import { validateDocuments, validatesSynchronously } from "@gridrisk/server/database/validateDocuments";
import { chainEntry, genesisHash } from "@gridrisk/server/events/timelineChain";
import { EventModel } from "@gridrisk/server/models/event";
import { expect } from "chai";
import mongoose, { type Document, Schema, Types } from "mongoose";

function validEvent(): Record<string, unknown> {
  const id = new Types.ObjectId();
  const at = new Date("2026-11-20T08:00:00Z");
  const reporter = new Types.ObjectId();
  return {
    _id: id,
    code: "HA-2026-000001",
    title: "培训机构疑似预收费",
    description: "家长反映退费困难。",
    category: "prepaid_fee_risk",
    severity: "general",
    source: "grid_report",
    location: { type: "Point", coordinates: [119.02, 33.52] },
    lng: 119.02,
    lat: 33.52,
    gridId: new Types.ObjectId(),
    regionPath: [new Types.ObjectId(), new Types.ObjectId()],
    reporterId: reporter,
    occurredAt: at,
    status: "reported",
    owningLevel: "township",
    owningRegionId: new Types.ObjectId(),
    version: 1,
    timeline: [
      chainEntry(genesisHash(id), {
        seq: 1,
        action: "report",
        actorId: reporter,
        actorName: "网格员",
        actorRole: "grid_worker",
        at,
        fromStatus: null,
        toStatus: "reported",
        note: null,
        fields: null,
        evidence: [],
      }),
    ],
  };
}

/** The paths `validate()` finds wrong in `raw`, or [] when it passes. */
async function pathsValidateRejects(raw: Record<string, unknown>): Promise<string[]> {
  try {
    await new EventModel(raw).validate();
    return [];
  } catch (error) {
    return Object.keys((error as mongoose.Error.ValidationError).errors ?? {}).sort();
  }
}

async function pathsValidateDocumentsRejects(raw: Record<string, unknown>): Promise<string[]> {
  try {
    await validateDocuments(EventModel.schema, [new EventModel(raw)]);
    return [];
  } catch (error) {
    expect((error as Error).name).to.equal("ValidationError");
    return Object.keys((error as mongoose.Error.ValidationError).errors ?? {}).sort();
  }
}

describe("validating built documents, synchronously where that is exact", () => {
  it("validates events synchronously, finding exactly what validate() finds", async () => {
    expect(validatesSynchronously(EventModel.schema)).to.equal(true);
    const broken: [string, (raw: Record<string, unknown>) => void][] = [
      ["valid", () => undefined],
      ["missing title", (raw) => delete raw.title],
      ["unknown severity", (raw) => Object.assign(raw, { severity: "apocalyptic" })],
      ["date that is not one", (raw) => Object.assign(raw, { occurredAt: "not a date" })],
      ["id that is not one", (raw) => Object.assign(raw, { owningRegionId: "nope" })],
      ["timeline entry without its hash", (raw) => delete (raw.timeline as Record<string, unknown>[])[0]?.hash],
      [
        "task without a due date",
        (raw) =>
          Object.assign(raw, { tasks: [{ departmentId: new Types.ObjectId(), role: "lead", status: "pending" }] }),
      ],
      [
        "task of an unknown role",
        (raw) =>
          Object.assign(raw, {
            tasks: [{ departmentId: new Types.ObjectId(), role: "boss", status: "pending", dueAt: new Date() }],
          }),
      ],
      ["several faults at once", (raw) => Object.assign(raw, { title: undefined, status: "lost", version: "many" })],
    ];
    for (const [name, breakIt] of broken) {
      const raw = validEvent();
      breakIt(raw);
      const expected = await pathsValidateRejects(raw);
      expect(await pathsValidateDocumentsRejects(raw), name).to.deep.equal(expected);
      expect(expected.length > 0, `${name}: validate() ${expected.length ? "rejects" : "accepts"}`).to.equal(
        name !== "valid",
      );
    }
  });

  it("uses validate() when a schema has a validator of its own, also in a nested schema", async () => {
    const nested = new Schema({ code: { type: String, validate: async (value: string) => value.startsWith("A") } });
    const schema = new Schema({ name: { type: String, required: true }, parts: [nested] });
    const Model = mongoose.model("ValidateDocumentsNested", schema);
    expect(validatesSynchronously(schema)).to.equal(false);
    let error: unknown;
    try {
      await validateDocuments(schema, [new Model({ name: "x", parts: [{ code: "B1" }] })]);
    } catch (caught) {
      error = caught;
    }
    expect((error as Error)?.name, "the async validator ran and refused").to.equal("ValidationError");
    await validateDocuments(schema, [new Model({ name: "x", parts: [{ code: "A1" }] })]);
  });

  it("uses validate() when a schema has validation middleware", async () => {
    const schema = new Schema({ name: { type: String, required: true } });
    const seen: string[] = [];
    schema.pre("validate", function () {
      seen.push(String((this as unknown as Document & { name: string }).name));
    });
    const Model = mongoose.model("ValidateDocumentsHooked", schema);
    expect(validatesSynchronously(schema)).to.equal(false);
    await validateDocuments(schema, [new Model({ name: "a" }), new Model({ name: "b" })]);
    expect(seen.sort()).to.deep.equal(["a", "b"]);
  });
});
