import { capDateTime } from "@gridrisk/server/cap/capAlert";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { XMLParser } from "fast-xml-parser";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

// The CAP 1.2 standard's required elements and their allowed values (OASIS CAP v1.2, section 3.2).
const CAP_STATUS = ["Actual", "Exercise", "System", "Test", "Draft"];
const CAP_MSG_TYPE = ["Alert", "Update", "Cancel", "Ack", "Error"];
const CAP_SCOPE = ["Public", "Restricted", "Private"];
const CAP_CATEGORY = [
  "Geo",
  "Met",
  "Safety",
  "Security",
  "Rescue",
  "Fire",
  "Health",
  "Env",
  "Transport",
  "Infra",
  "CBRNE",
  "Other",
];
const CAP_URGENCY = ["Immediate", "Expected", "Future", "Past", "Unknown"];
const CAP_SEVERITY = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"];
const CAP_CERTAINTY = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"];
const CAP_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
const FORBIDDEN_IN_IDS = /[\s,<&]/;

/** Checks a parsed alert against CAP 1.2's required elements; returns the problems found. */
function capProblems(alert: Record<string, any>): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  need(alert["@_xmlns"] === "urn:oasis:names:tc:emergency:cap:1.2", "namespace");
  for (const field of ["identifier", "sender", "sent", "status", "msgType", "scope"])
    need(alert[field] !== undefined, `missing ${field}`);
  need(!FORBIDDEN_IN_IDS.test(String(alert.identifier)), "identifier has spaces, commas, < or &");
  need(!FORBIDDEN_IN_IDS.test(String(alert.sender)), "sender has spaces, commas, < or &");
  need(CAP_DATE_TIME.test(String(alert.sent)), "sent is not a CAP date-time");
  need(CAP_STATUS.includes(alert.status), "status");
  need(CAP_MSG_TYPE.includes(alert.msgType), "msgType");
  need(CAP_SCOPE.includes(alert.scope), "scope");
  need(alert.scope !== "Restricted" || typeof alert.restriction === "string", "restriction required for Restricted");
  const infos = Array.isArray(alert.info) ? alert.info : [alert.info];
  need(alert.info !== undefined, "missing info");
  for (const info of infos.filter(Boolean)) {
    need(CAP_CATEGORY.includes(info.category), "info.category");
    need(typeof info.event === "string" && info.event.length > 0, "info.event");
    need(CAP_URGENCY.includes(info.urgency), "info.urgency");
    need(CAP_SEVERITY.includes(info.severity), "info.severity");
    need(CAP_CERTAINTY.includes(info.certainty), "info.certainty");
    const areas = Array.isArray(info.area) ? info.area : [info.area];
    need(info.area !== undefined, "info.area");
    for (const area of areas.filter(Boolean)) {
      need(typeof area.areaDesc === "string" && area.areaDesc.length > 0, "area.areaDesc");
      need(
        /^-?\d+(\.\d+)?,-?\d+(\.\d+)? \d+(\.\d+)?$/.test(String(area.circle ?? "")) || area.polygon !== undefined,
        "area.circle or polygon",
      );
    }
  }
  return problems;
}

describe("CAP 1.2 alerts", () => {
  useTestDatabase();
  let server: RunningServer;
  const t: Record<string, string> = {};
  let serious = "";
  let general = "";
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
  const cap = (who: string, id: string) =>
    request(`${server.url}/api/events/${id}/cap.xml`, { headers: bearer(t[who] ?? "") });

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "officer2", role: "township_officer", scope: [ids.township2] });
    await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    for (const who of ["worker", "officer2", "district"]) t[who] = await signInAs(server.url, who);
    serious = (
      await report(
        server.url,
        t.worker ?? "",
        buildReport(119.02, 33.52, {
          severity: "very_serious",
          category: "safety_hazard",
          title: "教室消防通道堵塞 <二楼> & 楼梯",
        }),
      )
    ).body.event.id;
    general = (await report(server.url, t.worker ?? "", buildReport(119.03, 33.53))).body.event.id;
  });
  after(() => server.close());

  it("writes CAP date-times with a numeric offset and no fractions", () => {
    expect(capDateTime(new Date("2026-11-25T16:00:00.123Z"))).to.equal("2026-11-26T00:00:00+08:00");
  });

  it("exports a very serious event as an alert with every required CAP 1.2 element", async () => {
    const res = await cap("district", serious);
    expect(res.status, res.text).to.equal(200);
    expect(res.headers.get("content-type")).to.equal("application/cap+xml; charset=utf-8");
    expect(res.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).to.equal(true);
    const { alert } = parser.parse(res.text);
    expect(capProblems(alert)).to.deep.equal([]);
    expect(alert).to.include({ status: "Actual", msgType: "Alert", scope: "Restricted", sender: "gridrisk.320800" });
    expect(alert.info).to.include({
      category: "Safety",
      urgency: "Immediate",
      severity: "Extreme",
      certainty: "Likely",
      language: "zh-CN",
    });
    expect(alert.info.headline).to.include("教室消防通道堵塞 <二楼> & 楼梯");
    expect(alert.info.area.areaDesc).to.equal("淮安市 清江浦区 清河街道 清河社区 清河社区第1网格");
    expect(alert.info.area.circle).to.equal("33.52,119.02 0.5");
    expect(res.text).to.not.include("小区内一处民房");
  });

  it("the checker itself notices a missing element", () => {
    expect(capProblems({ "@_xmlns": "urn:oasis:names:tc:emergency:cap:1.2", identifier: "a b" })).to.include.members([
      "missing sender",
      "identifier has spaces, commas, < or &",
      "missing info",
    ]);
  });

  it("refuses other severities with 422, events outside the territory with 404, and needs a session", async () => {
    const res = await cap("district", general);
    expect(res.status).to.equal(422);
    expect(res.body.error.message).to.match(/^Only serious and very serious events/);
    expect((await cap("officer2", serious)).status).to.equal(404);
    expect((await request(`${server.url}/api/events/${serious}/cap.xml`)).status).to.equal(401);
    expect((await cap("district", "nope")).status).to.equal(400);
  });
});
