import { storeAttachment } from "@gridrisk/server/attachments/attachmentRecords";
import { loadConfig } from "@gridrisk/server/env";
import { AttachmentModel } from "@gridrisk/server/models/attachment";
import type { Actor } from "@gridrisk/server/policies/actor";
import { expect } from "chai";
import mongoose from "mongoose";
import { useTestDatabase } from "../helpers/testDatabase";
import { PHOTO_GPS, phoneJpeg } from "./photoFixtures";

const newId = () => new mongoose.Types.ObjectId().toHexString();
const worker: Actor = { id: newId(), username: "w", name: "w", role: "grid_worker", scope: [], sessionId: newId() };
const files = () => mongoose.connection.collection("attachments.files").countDocuments();

describe("storing attachments", () => {
  useTestDatabase();

  it("keeps the GPS position by default (KEEP_PHOTO_LOCATION) and not when it is false", async () => {
    const uri = "mongodb://127.0.0.1:27017/gridrisk";
    expect(loadConfig({ MONGODB_URI: uri }).keepPhotoLocation).to.equal(true);
    expect(loadConfig({ MONGODB_URI: uri, KEEP_PHOTO_LOCATION: "false" }).keepPhotoLocation).to.equal(false);
    const kept = await storeAttachment(worker, await phoneJpeg(), { purpose: "report", keepLocation: true });
    expect(kept.location).to.deep.equal(PHOTO_GPS);
    const dropped = await storeAttachment(worker, await phoneJpeg(), { purpose: "report", keepLocation: false });
    expect(dropped.location).to.equal(undefined);
    expect((await AttachmentModel.findById(dropped._id).lean())?.location).to.equal(undefined);
  });

  it("deletes the stored bytes again when the metadata document cannot be written", async () => {
    const before = await files();
    const original = AttachmentModel.create.bind(AttachmentModel);
    AttachmentModel.create = (async () => {
      throw new Error("database went away");
    }) as unknown as typeof AttachmentModel.create;
    try {
      await storeAttachment(worker, await phoneJpeg(), { purpose: "evidence", keepLocation: true });
      expect.fail("expected the failure to surface");
    } catch (error) {
      expect((error as Error).message).to.equal("database went away");
    } finally {
      AttachmentModel.create = original;
    }
    expect(await files()).to.equal(before);
  });
});
