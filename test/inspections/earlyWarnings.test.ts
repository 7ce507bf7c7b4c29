import { sweepEarlyWarnings } from "@gridrisk/server/jobs/earlyWarningSweep";
import { EventModel } from "@gridrisk/server/models/event";
import { InstitutionModel } from "@gridrisk/server/models/institution";
import type { RunningServer } from "@gridrisk/server/server";
import { addDaysToDateKey, licenceExpiryFirings, refundComplaintFirings, shanghaiDateKey } from "@gridrisk/shared";
import { expect } from "chai";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { buildInstitutionInput } from "../helpers/institutionFactory";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

const day = 86_400_000;
const now = new Date("2026-06-30T00:00:00Z");
const complaint = (id: string, institutionId: string, daysAgo: number, category = "refund_dispute") => ({
  id,
  institutionId,
  category,
  createdAt: new Date(now.getTime() - daysAgo * day),
});

describe("early-warning rules", () => {
  it("finds N complaints about one institution within X days, named by the oldest N", () => {
    const settings = { count: 3, days: 30, categories: ["refund_dispute"] };
    const firings = refundComplaintFirings(
      [
        complaint("e4", "A", 1),
        complaint("e1", "A", 20),
        complaint("e2", "A", 10),
        complaint("e3", "A", 5),
        complaint("old", "A", 45),
        complaint("b1", "B", 1),
        complaint("b2", "B", 2),
        complaint("b3", "B", 3, "safety_hazard"),
      ],
      settings,
      now,
    );
    expect(firings).to.deep.equal([{ institutionId: "A", eventIds: ["e1", "e2", "e3"] }]);
  });

  it("finds licences ending within the days ahead while classes are scheduled after them", () => {
    const today = "2026-06-30";
    const firings = licenceExpiryFirings(
      [
        { institutionId: "soon", licenceValidUntil: "2026-07-20", classesScheduledUntil: "2026-09-01" },
        { institutionId: "lapsed", licenceValidUntil: "2026-06-01", classesScheduledUntil: "2026-07-01" },
        { institutionId: "later", licenceValidUntil: "2026-08-15", classesScheduledUntil: "2026-12-01" },
        { institutionId: "classesEndFirst", licenceValidUntil: "2026-07-10", classesScheduledUntil: "2026-07-10" },
        { institutionId: "classesOver", licenceValidUntil: "2026-06-01", classesScheduledUntil: "2026-06-29" },
        { institutionId: "noSchedule", licenceValidUntil: "2026-07-01", classesScheduledUntil: null },
        { institutionId: "noLicenceDate", classesScheduledUntil: "2026-09-01" },
      ],
      { days: 30 },
      today,
    );
    expect(firings).to.deep.equal([
      { institutionId: "soon", licenceValidUntil: "2026-07-20", classesScheduledUntil: "2026-09-01" },
      { institutionId: "lapsed", licenceValidUntil: "2026-06-01", classesScheduledUntil: "2026-07-01" },
    ]);
  });

  describe("sweep", () => {
    useTestDatabase();
    let server: RunningServer;
    let institutionId = "";
    const tokens: Record<string, string> = {};
    const ruleEvents = async () => EventModel.find({ source: "rule" }).sort({ createdAt: 1 }).lean();

    before(async () => {
      server = await startTestServer();
      const ids = await loadTerritoryFixture();
      await createAccount({ username: "admin", role: "admin", scope: [ids.city] });
      await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
      for (const who of ["admin", "worker"]) tokens[who] = await signInAs(server.url, who);
      const created = await request(`${server.url}/api/institutions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...bearer(tokens.admin ?? "") },
        body: JSON.stringify(buildInstitutionInput(119.02, 33.52)),
      });
      institutionId = created.body.institution.id;
    });
    after(() => server.close());

    it("raises one event per condition with source rule, naming the rule and the complaints", async () => {
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await report(
          server.url,
          tokens.worker ?? "",
          buildReport(119.02, 33.52, { category: "refund_dispute", institutionId }),
        );
        expect(res.status).to.equal(201);
        codes.push(res.body.event.code);
      }
      const runs = await Promise.all([sweepEarlyWarnings(new Date()), sweepEarlyWarnings(new Date())]);
      expect(runs[0].raised + runs[1].raised).to.equal(1);
      expect((await sweepEarlyWarnings(new Date())).raised).to.equal(0);
      const [raised] = await ruleEvents();
      expect(raised?.category).to.equal("refund_dispute");
      expect(String(raised?.institutionId)).to.equal(institutionId);
      expect(raised?.description).to.contain("refund_complaints");
      for (const code of codes) expect(raised?.description).to.contain(code);
    });

    it("fires once when the fund status turns abnormal, and again after it recovered and turned abnormal anew", async () => {
      await InstitutionModel.updateOne({ _id: institutionId }, { $set: { fundSupervision: "abnormal" } });
      expect((await sweepEarlyWarnings(new Date())).raised).to.equal(1);
      expect((await sweepEarlyWarnings(new Date())).raised).to.equal(0);
      await InstitutionModel.updateOne({ _id: institutionId }, { $set: { fundSupervision: "supervised" } });
      expect((await sweepEarlyWarnings(new Date())).raised).to.equal(0);
      await InstitutionModel.updateOne({ _id: institutionId }, { $set: { fundSupervision: "abnormal" } });
      expect((await sweepEarlyWarnings(new Date())).raised).to.equal(1);
      const fund = (await ruleEvents()).filter((event) => event.category === "abnormal_funds");
      expect(fund).to.have.length(2);
      expect(fund[0]?.description).to.contain("fund_abnormal");
    });

    it("fires once when a licence ends while classes are still scheduled, and again for a renewed licence that does", async () => {
      const today = shanghaiDateKey(new Date());
      const bad = await request(`${server.url}/api/institutions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...bearer(tokens.admin ?? "") },
        body: JSON.stringify(buildInstitutionInput(119.021, 33.521, { licenceValidUntil: "2026-13-01" })),
      });
      expect(bad.status).to.equal(400);
      expect(bad.body.error.details.issues).to.deep.include({
        path: "body.licenceValidUntil",
        message: "must be a date written YYYY-MM-DD, e.g. 2026-10-01",
      });
      const input = buildInstitutionInput(119.021, 33.521, {
        name: "许可将到期艺术中心",
        licenceValidUntil: addDaysToDateKey(today, 10),
        classesScheduledUntil: addDaysToDateKey(today, 60),
      });
      const created = await request(`${server.url}/api/institutions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...bearer(tokens.admin ?? "") },
        body: JSON.stringify(input),
      });
      expect(created.status).to.equal(201);
      expect(created.body.institution).to.include({
        licenceValidUntil: input.licenceValidUntil,
        classesScheduledUntil: input.classesScheduledUntil,
      });
      const id = created.body.institution.id as string;
      const licenceEvents = async () =>
        (await ruleEvents()).filter(
          (event) => String(event.institutionId) === id && event.category === "unlicensed_training",
        );

      const runs = await Promise.all([sweepEarlyWarnings(new Date()), sweepEarlyWarnings(new Date())]);
      expect(runs[0].raised + runs[1].raised).to.equal(1);
      expect((await sweepEarlyWarnings(new Date())).raised).to.equal(0);
      const [raised] = await licenceEvents();
      expect(raised?.source).to.equal("rule");
      expect(raised?.description).to.contain("licence_expiry");
      expect(raised?.description).to.contain(input.licenceValidUntil);
      expect(raised?.description).to.contain(input.classesScheduledUntil);

      // Renewed for a year: no condition. Renewed only until before the classes end: a new one.
      await InstitutionModel.updateOne({ _id: id }, { $set: { licenceValidUntil: addDaysToDateKey(today, 400) } });
      expect((await sweepEarlyWarnings(new Date())).raised).to.equal(0);
      await InstitutionModel.updateOne({ _id: id }, { $set: { licenceValidUntil: addDaysToDateKey(today, 20) } });
      expect((await sweepEarlyWarnings(new Date())).raised).to.equal(1);
      expect(await licenceEvents()).to.have.length(2);
    });

    it("lets only an admin change a rule's settings", async () => {
      const body = { enabled: false, count: 5, days: 14, categories: ["refund_dispute"] };
      const put = (who: string, code: string, payload: unknown) =>
        request(`${server.url}/api/early-warning-rules/${code}`, {
          method: "PUT",
          headers: { "Content-Type": "application/json", ...bearer(tokens[who] ?? "") },
          body: JSON.stringify(payload),
        });
      expect((await put("worker", "refund_complaints", body)).status).to.equal(403);
      const bad = await put("admin", "refund_complaints", { ...body, count: 0 });
      expect(bad.status).to.equal(400);
      expect((await put("admin", "nonsense", body)).status).to.equal(400);
      const ok = await put("admin", "refund_complaints", body);
      expect(ok.status).to.equal(200);
      expect(ok.body.rule).to.deep.equal({ code: "refund_complaints", ...body });
    });
  });
});
