import { ensureDemoOpen311Key } from "@gridrisk/server/open311/open311ApiKeys";
import type { RunningServer } from "@gridrisk/server/server";
import { expect } from "chai";
import { XMLParser } from "fast-xml-parser";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

const KEY = "test-open311-key";
const xml = new XMLParser({ parseTagValue: false });

// The fields of a service request, in the order of the GeoReport v2 specification's example.
const REQUEST_FIELDS = [
  "service_request_id",
  "status",
  "status_notes",
  "service_name",
  "service_code",
  "description",
  "agency_responsible",
  "service_notice",
  "requested_datetime",
  "updated_datetime",
  "expected_datetime",
  "address",
  "address_id",
  "zipcode",
  "lat",
  "long",
  "media_url",
];

describe("Open311 GeoReport v2", () => {
  useTestDatabase();
  let server: RunningServer;
  let base = "";
  const post = (format: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    request(`${base}/requests.${format}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const valid = {
    api_key: KEY,
    service_code: "safety_hazard",
    lat: "33.52",
    long: "119.02",
    description: "培训机构消防通道堵塞\n二楼楼梯间堆放杂物",
    email: "citizen@example.org",
    first_name: "Wei",
    last_name: "Zhang",
    phone: "13800000000",
  };
  let created: { service_request_id: string; token: string };

  before(async () => {
    server = await startTestServer();
    base = `${server.url}/open311/v2`;
    await loadTerritoryFixture();
    await ensureDemoOpen311Key(KEY, "hotline-password-123");
    const res = await post("json", valid);
    expect(res.status, res.text).to.equal(201);
    created = res.body[0];
  });
  after(() => server.close());

  it("describes itself in discovery.json and discovery.xml", async () => {
    const json = await request(`${base}/discovery.json`);
    expect(json.status).to.equal(200);
    expect(json.body.endpoints[0]).to.include({ specification: "http://wiki.open311.org/GeoReport_v2", url: base });
    expect(json.body.endpoints[0].formats).to.deep.equal(["text/xml", "application/json"]);
    const doc = await request(`${base}/discovery.xml`);
    expect(doc.headers.get("content-type")).to.equal("text/xml; charset=utf-8");
    expect(doc.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).to.equal(true);
    expect(xml.parse(doc.text).discovery.endpoints.endpoint.formats.format).to.deep.equal([
      "text/xml",
      "application/json",
    ]);
  });

  it("lists the risk categories as services, in JSON and XML", async () => {
    const json = await request(`${base}/services.json`);
    const service = json.body.find((entry: { service_code: string }) => entry.service_code === "safety_hazard");
    expect(Object.keys(service)).to.deep.equal([
      "service_code",
      "service_name",
      "description",
      "metadata",
      "type",
      "keywords",
      "group",
    ]);
    expect(service).to.include({ service_name: "安全隐患", metadata: true, type: "realtime" });
    const parsed = xml.parse((await request(`${base}/services.xml`)).text);
    expect(parsed.services.service).to.have.length(json.body.length);
  });

  it("defines a service's attributes", async () => {
    const json = await request(`${base}/services/safety_hazard.json`);
    expect(json.body.service_code).to.equal("safety_hazard");
    const severity = json.body.attributes.find((attribute: { code: string }) => attribute.code === "severity");
    expect(severity).to.include({ variable: true, datatype: "singlevaluelist", required: false });
    expect(severity.values.map((value: { key: string }) => value.key)).to.deep.equal([
      "general",
      "major",
      "serious",
      "very_serious",
    ]);
    const parsed = xml.parse((await request(`${base}/services/safety_hazard.xml`)).text);
    expect(parsed.service_definition.attributes.attribute).to.have.length(2);
    const missing = await request(`${base}/services/no_such_service.json`);
    expect(missing.status).to.equal(404);
    expect(missing.body).to.deep.equal([{ code: 404, description: "Service no_such_service was not found." }]);
  });

  it("creates a request with an api_key and reads it back without personal data", async () => {
    expect(created.service_request_id).to.match(/^[A-Z]+-\d{4}-\d+$/);
    const res = await request(`${base}/requests/${created.service_request_id}.json`);
    expect(res.status).to.equal(200);
    expect(res.body).to.have.length(1);
    const [found] = res.body;
    expect(Object.keys(found)).to.deep.equal(REQUEST_FIELDS);
    expect(found).to.include({
      service_request_id: created.service_request_id,
      status: "open",
      service_code: "safety_hazard",
      service_name: "安全隐患",
      description: "培训机构消防通道堵塞",
      lat: 33.52,
      long: 119.02,
    });
    expect(found.status_notes).to.match(/^已上报/);
    expect(found.address).to.equal("清江浦区 清河街道 清河社区 清河社区第1网格");
    for (const secret of ["citizen@example.org", "13800000000", "Zhang", "二楼楼梯间", "hotline"])
      expect(res.text).to.not.include(secret);
    const asXml = xml.parse((await request(`${base}/requests/${created.service_request_id}.xml`)).text);
    expect(asXml.service_requests.request.service_request_id).to.equal(created.service_request_id);
  });

  it("answers a token with its request id", async () => {
    const res = await request(`${base}/tokens/${created.token}.json`);
    expect(res.body).to.deep.equal([{ service_request_id: created.service_request_id, token: created.token }]);
    expect((await request(`${base}/tokens/000000000000000000000000.json`)).status).to.equal(404);
  });

  it("filters requests by id, service, period and status", async () => {
    const ids = async (query: string) =>
      (await request(`${base}/requests.json?${query}`)).body.map(
        (entry: { service_request_id: string }) => entry.service_request_id,
      );
    const id = created.service_request_id;
    expect(await ids("")).to.deep.equal([id]);
    expect(await ids(`service_request_id=${id},XX-0000-1`)).to.deep.equal([id]);
    expect(await ids("service_code=safety_hazard,refund_dispute")).to.deep.equal([id]);
    expect(await ids("service_code=refund_dispute")).to.deep.equal([]);
    expect(await ids("status=open")).to.deep.equal([id]);
    expect(await ids("status=closed")).to.deep.equal([]);
    expect(await ids("start_date=2099-01-01T00:00:00Z")).to.deep.equal([]);
    expect(await ids("start_date=2020-01-01T00:00:00Z&end_date=2099-01-01T00:00:00-05:00")).to.deep.equal([id]);
  });

  it("answers errors in the specification's format, JSON and XML", async () => {
    const badKey = await post("json", { ...valid, api_key: "wrong" });
    expect(badKey.status).to.equal(403);
    expect(badKey.body).to.deep.equal([{ code: 403, description: "Invalid api_key" }]);
    const missing = await post("json", { api_key: KEY, lat: "33.52", long: "119.02", description: "x" });
    expect(missing.status).to.equal(400);
    expect(missing.body).to.deep.equal([{ code: 400, description: "service_code is required" }]);
    const badStatus = await request(`${base}/requests.xml?status=pending`);
    expect(badStatus.status).to.equal(400);
    const parsed = xml.parse(badStatus.text);
    expect(parsed.errors.error).to.deep.equal({ code: "400", description: 'status must be "open", "closed" or both' });
    const outside = await post("json", { ...valid, lat: "10", long: "10" });
    expect(outside.status).to.equal(422);
    expect(outside.body[0].code).to.equal(422);
    expect(outside.body[0].description).to.be.a("string").and.not.equal("");
    const unknown = await request(`${base}/requests/XX-0000-1.json`);
    expect(unknown.body).to.deep.equal([{ code: 404, description: "Service request XX-0000-1 was not found." }]);
    expect((await request(`${base}/services.yaml`)).body).to.deep.equal([
      { code: 400, description: "format must be json or xml" },
    ]);
  });

  it("files a request once per Idempotency-Key", async () => {
    const headers = { "Idempotency-Key": "open311-retry-1" };
    const first = await post("xml", { ...valid, description: "重复提交测试" }, headers);
    const second = await post("xml", { ...valid, description: "重复提交测试" }, headers);
    expect(first.status).to.equal(201);
    const idOf = (text: string) => xml.parse(text).service_requests.request.service_request_id;
    expect(idOf(second.text)).to.equal(idOf(first.text));
    expect((await request(`${base}/requests.json`)).body).to.have.length(2);
  });
});
