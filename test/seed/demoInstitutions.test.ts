import { InstitutionModel } from "@gridrisk/server/models/institution";
import { seedDemoInstitutions } from "@gridrisk/server/seed/seedDemoInstitutions";
import { expect } from "chai";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";

describe("demo institutions", () => {
  useTestDatabase();

  it("are stored as the model stores them (defaults, timestamps, valid), once", async () => {
    await loadTerritoryFixture();
    const seeded = await seedDemoInstitutions(5);
    expect(seeded).to.be.greaterThan(0);
    const stored = await InstitutionModel.collection.find({}).toArray();
    expect(stored).to.have.length(seeded);
    for (const raw of stored) {
      expect(raw.createdAt, raw.name).to.be.instanceOf(Date);
      expect(raw.version).to.equal(1);
      expect(raw, "licenceValidUntil stored, if only as null").to.have.property("licenceValidUntil");
      await new InstitutionModel(raw).validate();
    }
    expect(await seedDemoInstitutions(5), "a second run adds nothing").to.equal(seeded);
    expect(await InstitutionModel.collection.countDocuments({})).to.equal(seeded);
  });
});
