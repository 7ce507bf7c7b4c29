import { randomBytes } from "node:crypto";
import { text } from "node:stream/consumers";
import { GridFsAttachmentStorage } from "@gridrisk/server/attachments/gridFsAttachmentStorage";
import { expect } from "chai";
import mongoose from "mongoose";
import { useTestDatabase } from "../helpers/testDatabase";

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("GridFS attachment storage (on the test database server)", () => {
  useTestDatabase();
  const storage = new GridFsAttachmentStorage();
  const count = (collection: string) => mongoose.connection.collection(collection).countDocuments();

  it("stores, opens and deletes an object larger than one GridFS chunk", async () => {
    const data = randomBytes(600 * 1024 + 7);
    const id = await storage.put(data, { mime: "image/jpeg", filename: "photo.jpg" });
    expect(id).to.match(/^[0-9a-f]{24}$/);
    expect(await count("attachments.files")).to.equal(1);
    expect(await count("attachments.chunks")).to.equal(3);
    const opened = await storage.open(id);
    expect(opened?.meta).to.deep.equal({ mime: "image/jpeg", filename: "photo.jpg", size: data.length });
    expect((await readAll(opened?.stream as NodeJS.ReadableStream)).equals(data)).to.equal(true);
    await storage.delete(id);
    expect(await count("attachments.files")).to.equal(0);
    expect(await count("attachments.chunks")).to.equal(0);
    expect(await storage.open(id)).to.equal(undefined);
  });

  it("answers undefined for an unknown or malformed id and deletes them quietly", async () => {
    expect(await storage.open(new mongoose.Types.ObjectId().toHexString())).to.equal(undefined);
    expect(await storage.open("not-an-id")).to.equal(undefined);
    await storage.delete(new mongoose.Types.ObjectId().toHexString());
    await storage.delete("not-an-id");
  });

  it("stores an empty object and small ones side by side", async () => {
    const empty = await storage.put(Buffer.alloc(0), { mime: "image/png", filename: "empty.png" });
    const small = await storage.put(Buffer.from("tiny"), { mime: "image/webp", filename: "tiny.webp" });
    expect((await storage.open(empty))?.meta.size).to.equal(0);
    const opened = await storage.open(small);
    expect(await text(opened?.stream as NodeJS.ReadableStream)).to.equal("tiny");
    expect(opened?.meta.mime).to.equal("image/webp");
  });
});
