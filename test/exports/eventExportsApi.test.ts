import { type EventDoc, EventModel } from "@gridrisk/server/models/event";
import type { RunningServer } from "@gridrisk/server/server";
import { check } from "@placemarkio/check-geojson";
import { expect } from "chai";
import type { FeatureCollection } from "geojson";
import { Types } from "mongoose";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { buildReport, report } from "../helpers/eventHelpers";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";

/** Parses RFC 4180 CSV (quoted cells with commas, doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else cell += char;
  }
  return rows;
}

describe("event exports (CSV, GeoJSON)", () => {
  useTestDatabase();
  let server: RunningServer;
  const t: Record<string, string> = {};
  const tricky = '=退费, "押金"\n第二行 中文';
  const get = (who: string, path: string) => request(`${server.url}${path}`, { headers: bearer(t[who] ?? "") });

  before(async () => {
    server = await startTestServer();
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "worker2", role: "grid_worker", scope: [ids.grid2] });
    await createAccount({ username: "officer2", role: "township_officer", scope: [ids.township2] });
    await createAccount({ username: "district", role: "district_officer", scope: [ids.district] });
    for (const who of ["worker", "worker2", "officer2", "district"]) t[who] = await signInAs(server.url, who);
    const made = await report(
      server.url,
      t.worker ?? "",
      buildReport(119.02, 33.52, { title: tricky, severity: "serious" }),
    );
    expect(made.status).to.equal(201);
    await report(server.url, t.worker2 ?? "", buildReport(119.15, 33.6, { title: "消防隐患" }));
  });
  after(() => server.close());

  it("needs a session", async () => {
    expect((await request(`${server.url}/api/events/export.csv`)).status).to.equal(401);
  });

  it("names a bad filter with the list's message", async () => {
    const res = await get("district", "/api/events/export.csv?severity=huge");
    expect(res.status).to.equal(400);
    expect(res.body.error.message).to.match(/^query\.severity/);
  });

  it("writes CSV in UTF-8 with a BOM, zh-CN headings and escaped cells", async () => {
    const res = await fetch(`${server.url}/api/events/export.csv`, { headers: bearer(t.district ?? "") });
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.equal("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).to.match(/^attachment; filename="events-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString("utf8"));
    expect(rows).to.have.length(3);
    expect(rows[0]?.slice(0, 4)).to.deep.equal(["事件编号", "标题", "状态", "等级"]);
    const titles = rows.slice(1).map((row) => row[1]);
    expect(titles).to.have.members([`'${tricky}`, "消防隐患"]);
    const trickyRow = rows.find((row) => row[1] === `'${tricky}`) ?? [];
    expect(trickyRow[3]).to.equal("serious");
    expect(trickyRow.slice(8, 12)).to.deep.equal(["清江浦区", "清河街道", "清河社区", "清河社区第1网格"]);
    expect(rows.every((row) => row.length === rows[0]?.length)).to.equal(true);
  });

  it("applies the list's filters and the caller's territory", async () => {
    const count = async (who: string, query: string) =>
      parseCsv((await get(who, `/api/events/export.csv?${query}`)).text.slice(1)).length - 1;
    expect(await count("district", "")).to.equal(2);
    expect(await count("district", "severity=serious")).to.equal(1);
    expect(await count("district", `q=${encodeURIComponent("消防")}`)).to.equal(1);
    expect(await count("officer2", "")).to.equal(1);
    expect(await count("worker2", "mine=true")).to.equal(1);
  });

  it("writes a GeoJSON FeatureCollection valid per RFC 7946", async () => {
    const res = await get("district", "/api/events/export.geojson");
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.equal("application/geo+json; charset=utf-8");
    const collection = check(res.text) as FeatureCollection;
    expect(collection.type).to.equal("FeatureCollection");
    expect(collection.features).to.have.length(2);
    const first = collection.features[0];
    expect(first?.geometry).to.deep.equal({ type: "Point", coordinates: [119.02, 33.52] });
    expect(first?.properties?.title).to.equal(tricky);
    expect(first?.properties).to.not.have.property("reporterId");
    const empty = <FeatureCollection>(
      check((await get("officer2", "/api/events/export.geojson?severity=very_serious")).text)
    );
    expect(empty.features).to.have.length(0);
  });

  it("streams a large export, and survives a client that goes away half-way", async () => {
    const [sample] = (await EventModel.find({}).lean()) as EventDoc[];
    if (!sample) throw new Error("no event to copy");
    const { _id, code, ...fields } = sample;
    await EventModel.collection.insertMany(
      Array.from({ length: 1500 }, (_, n) => ({ ...fields, _id: new Types.ObjectId(), code: `BULK-${n}` })),
    );
    const controller = new AbortController();
    const aborted = await fetch(`${server.url}/api/events/export.geojson`, {
      headers: bearer(t.district ?? ""),
      signal: controller.signal,
    });
    const reader = (aborted.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    const full = await get("district", "/api/events/export.csv");
    expect(full.status).to.equal(200);
    expect(parseCsv(full.text.slice(1))).to.have.length(1 + 2 + 1500);
  });
});
