import { fieldDiff } from "@gridrisk/server/audit/fieldDiff";
import { expect } from "chai";

describe("field-level diff for the audit log", () => {
  it("lists each changed field with its values before and after", () => {
    expect(
      fieldDiff({ name: "a", role: "grid_worker", active: true }, { name: "a", role: "admin", active: false }),
    ).to.deep.equal([
      { field: "active", before: true, after: false },
      { field: "role", before: "grid_worker", after: "admin" },
    ]);
  });

  it("walks nested objects into dotted paths and compares arrays whole", () => {
    const before = { deadlines: { serious: { handling: 24 }, general: { handling: 72 } }, scope: ["a", "b"] };
    const after = { deadlines: { serious: { handling: 12 }, general: { handling: 72 } }, scope: ["a", "c"] };
    expect(fieldDiff(before, after)).to.deep.equal([
      { field: "deadlines.serious.handling", before: 24, after: 12 },
      { field: "scope", before: ["a", "b"], after: ["a", "c"] },
    ]);
  });

  it("records a creation and a deletion against null, and dates as ISO text", () => {
    const at = new Date("2026-01-02T03:04:05Z");
    expect(fieldDiff(null, { code: "x", at })).to.deep.equal([
      { field: "at", before: null, after: "2026-01-02T03:04:05.000Z" },
      { field: "code", before: null, after: "x" },
    ]);
    expect(fieldDiff({ code: "x" }, null)).to.deep.equal([{ field: "code", before: "x", after: null }]);
  });

  it("never writes a secret's value", () => {
    expect(fieldDiff({ passwordHash: "old" }, { passwordHash: "new" })).to.deep.equal([
      { field: "passwordHash", before: "[changed]", after: "[changed]" },
    ]);
  });

  it("finds nothing when nothing changed", () => {
    expect(fieldDiff({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).to.deep.equal([]);
  });
});
