import { createHash } from "node:crypto";
import { linkAttachments } from "@gridrisk/server/commands/attachmentLinking";
import { AttachmentModel } from "@gridrisk/server/models/attachment";
import type { RunningServer } from "@gridrisk/server/server";
import { ATTACHMENT_LIMITS } from "@gridrisk/shared";
import { expect } from "chai";
import mongoose from "mongoose";
import sharp from "sharp";
import { bearer, createAccount, signInAs } from "../helpers/accounts";
import { request } from "../helpers/http";
import { loadTerritoryFixture } from "../helpers/territoryFixture";
import { useTestDatabase } from "../helpers/testDatabase";
import { startTestServer } from "../helpers/testServer";
import {
  HTML_PAGE,
  jpegSegments,
  noisyJpeg,
  PHOTO_GPS,
  phoneJpeg,
  plainImage,
  SCRIPTED_SVG,
  truncated,
} from "./photoFixtures";

describe("attachments API", () => {
  useTestDatabase();
  let server: RunningServer;
  let ids: Awaited<ReturnType<typeof loadTerritoryFixture>>;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};

  const upload = (token: string | undefined, body: Buffer | string, query = "?purpose=report", type = "image/jpeg") =>
    request(`${server.url}/api/attachments${query}`, {
      method: "POST",
      headers: { "Content-Type": type, ...(token ? bearer(token) : {}) },
      body,
    });
  const get = (token: string, id: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/attachments/${id}`, { headers: { ...bearer(token), ...headers } });
  const remove = (token: string, id: string) =>
    request(`${server.url}/api/attachments/${id}`, { method: "DELETE", headers: bearer(token) });
  const stored = async () => ({
    documents: await AttachmentModel.countDocuments(),
    files: await mongoose.connection.collection("attachments.files").countDocuments(),
    chunks: await mongoose.connection.collection("attachments.chunks").countDocuments(),
  });
  const eventPath = () => [ids.city, ids.district, ids.township, ids.community, ids.grid];

  before(async () => {
    server = await startTestServer();
    ids = await loadTerritoryFixture();
    const accounts = [
      ["worker", "grid_worker", ids.grid],
      ["neighbour", "grid_worker", ids.grid],
      ["officer", "township_officer", ids.township],
      ["far", "township_officer", ids.otherTownship],
      ["handler", "department_handler", ids.district],
      ["overseer", "supervisor", ids.city],
      ["admin", "admin", ids.city],
    ] as const;
    for (const [username, role, region] of accounts) {
      userIds[username] = await createAccount({ username, role, scope: [region] });
      tokens[username] = await signInAs(server.url, username);
    }
  });
  after(() => server.close());

  it("walks the upload ladder 401 → 400 → 403 → 413 → 415, storing nothing, then 201", async () => {
    const photo = await phoneJpeg();
    expect((await upload(undefined, photo)).status).to.equal(401);

    const worker = tokens.worker as string;
    const noPurpose = await upload(worker, photo, "");
    expect([noPurpose.status, noPurpose.body.error.message]).to.deep.equal([
      400,
      "query.purpose: must be one of report, evidence",
    ]);
    expect((await upload(worker, photo, "?purpose=selfie")).status).to.equal(400);
    const empty = await upload(worker, Buffer.alloc(0));
    expect([empty.status, empty.body.error.message]).to.deep.equal([400, "body: is empty: send the photo's bytes"]);
    const cut = await upload(worker, truncated(await noisyJpeg()));
    expect([cut.status, cut.body.error.code]).to.deep.equal([400, "validation_failed"]);
    expect(cut.body.error.message).to.equal(
      "body: starts like a JPEG image but cannot be decoded: it is damaged or cut short",
    );

    for (const role of ["overseer", "admin"]) {
      const refused = await upload(tokens[role], photo);
      expect([refused.status, refused.body.error.code], role).to.deep.equal([403, "forbidden"]);
    }

    const tooLarge = await upload(worker, Buffer.concat([photo, Buffer.alloc(ATTACHMENT_LIMITS.maxBytes)]));
    expect([tooLarge.status, tooLarge.body.error.code]).to.deep.equal([413, "payload_too_large"]);
    expect(tooLarge.body.error.message).to.equal(
      `The request body is larger than ${ATTACHMENT_LIMITS.maxBytes} bytes.`,
    );

    for (const [bytes, detected] of [
      [HTML_PAGE, "an HTML document"],
      [SCRIPTED_SVG, "an SVG image"],
    ] as const) {
      const refused = await upload(worker, bytes);
      expect([refused.status, refused.body.error.code]).to.deep.equal([415, "unsupported_media_type"]);
      expect(refused.body.error.message).to.include(`this is ${detected}`);
    }
    const asJson = await upload(worker, JSON.stringify({ photo: "base64…" }), "?purpose=report", "application/json");
    expect([asJson.status, asJson.body.error.code]).to.deep.equal([415, "unsupported_media_type"]);
    const gzipped = await request(`${server.url}/api/attachments?purpose=report`, {
      method: "POST",
      headers: { ...bearer(worker), "Content-Type": "image/jpeg", "Content-Encoding": "gzip" },
      body: photo,
    });
    expect(gzipped.status).to.equal(415);
    expect(await stored()).to.deep.equal({ documents: 0, files: 0, chunks: 0 });

    const created = await upload(worker, photo);
    expect(created.status).to.equal(201);
    const { attachment } = created.body;
    expect(attachment).to.have.keys(["id", "mime", "size", "width", "height", "url", "location"]);
    expect(attachment).to.include({
      mime: "image/jpeg",
      width: 40,
      height: 60,
      url: `/api/attachments/${attachment.id}`,
    });
    expect(attachment.location).to.deep.equal(PHOTO_GPS);
    expect(await stored()).to.deep.equal({ documents: 1, files: 1, chunks: 1 });
  });

  it("takes a PNG declared as a JPEG for the PNG it is", async () => {
    const res = await upload(tokens.worker, await plainImage("png", 30, 20), "?purpose=evidence", "image/jpeg");
    expect(res.status).to.equal(201);
    expect(res.body.attachment).to.include({ mime: "image/png", width: 30, height: 20 });
    expect(res.body.attachment).to.not.have.property("location");
  });

  it("serves the photo's clean bytes to its uploader with headers that keep it an image", async () => {
    const { attachment } = (await upload(tokens.worker, await phoneJpeg())).body;
    const res = await get(tokens.worker as string, attachment.id);
    expect(res.status).to.equal(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).to.equal(attachment.size);
    expect(jpegSegments(bytes).filter((name) => name.startsWith("APP"))).to.deep.equal([]);
    expect((await sharp(bytes).metadata()).exif).to.equal(undefined);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(Object.fromEntries(res.headers)).to.include({
      "content-type": "image/jpeg",
      "content-length": String(attachment.size),
      "x-content-type-options": "nosniff",
      "content-disposition": `inline; filename="${attachment.id}.jpg"`,
      "cache-control": "private, max-age=3600",
      "content-security-policy": "default-src 'none'; sandbox",
      etag: `"${sha256}"`,
    });
    // As a browser revalidates its cached copy (fetch() itself would add Cache-Control: no-cache).
    const revalidation = { "If-None-Match": `"${sha256}"`, "Cache-Control": "max-age=0" };
    const again = await get(tokens.worker as string, attachment.id, revalidation);
    expect(again.status).to.equal(304);
  });

  it("shows an unlinked photo to its uploader alone, and a linked one within the event's territory", async () => {
    const { attachment } = (await upload(tokens.worker, await phoneJpeg())).body;
    const statusFor = async (username: string) => (await get(tokens[username] as string, attachment.id)).status;
    for (const username of ["neighbour", "officer", "overseer", "admin"]) {
      expect(await statusFor(username), username).to.equal(404);
    }
    const hidden = await request(`${server.url}/api/attachments/${attachment.id}`, {
      headers: bearer(tokens.officer as string),
    });
    expect(hidden.body.error).to.include({ code: "not_found", message: `Attachment ${attachment.id} was not found.` });
    expect((await fetch(`${server.url}/api/attachments/${attachment.id}`)).status).to.equal(401);
    expect((await get(tokens.worker as string, "not-an-id")).status).to.equal(400);
    expect((await get(tokens.worker as string, new mongoose.Types.ObjectId().toHexString())).status).to.equal(404);

    const eventId = new mongoose.Types.ObjectId().toHexString();
    await linkAttachments([attachment.id], { eventId, regionPath: eventPath(), uploaderId: userIds.worker as string });
    for (const username of ["worker", "neighbour", "officer", "handler", "overseer", "admin"]) {
      expect(await statusFor(username), username).to.equal(200);
    }
    expect(await statusFor("far")).to.equal(404);
  });

  it("deletes an unlinked photo for its uploader alone, and a linked one for nobody", async () => {
    const { attachment } = (await upload(tokens.worker, await plainImage("webp"))).body;
    const before = await stored();
    expect((await remove(tokens.neighbour as string, attachment.id)).status).to.equal(404);
    expect((await remove(tokens.worker as string, attachment.id)).status).to.equal(204);
    expect((await get(tokens.worker as string, attachment.id)).status).to.equal(404);
    expect(await stored()).to.deep.equal({
      documents: before.documents - 1,
      files: before.files - 1,
      chunks: before.chunks - 1,
    });

    const linked = (await upload(tokens.worker, await plainImage("jpeg"))).body.attachment;
    const eventId = new mongoose.Types.ObjectId().toHexString();
    await linkAttachments([linked.id], { eventId, regionPath: eventPath(), uploaderId: userIds.worker as string });
    const own = await remove(tokens.worker as string, linked.id);
    expect([own.status, own.body.error.code]).to.deep.equal([422, "unprocessable"]);
    expect((await remove(tokens.officer as string, linked.id)).status).to.equal(403);
    expect((await get(tokens.worker as string, linked.id)).status).to.equal(200);
  });
});
