import { deleteAttachment, storeAttachment } from "@gridrisk/server/attachments/attachmentRecords";
import { eventAttachments, linkAttachments } from "@gridrisk/server/commands/attachmentLinking";
import { AppError } from "@gridrisk/server/errors";
import { AttachmentModel } from "@gridrisk/server/models/attachment";
import { AttachmentLinkModel } from "@gridrisk/server/models/attachmentLink";
import type { Actor } from "@gridrisk/server/policies/actor";
import { ATTACHMENT_LIMITS } from "@gridrisk/shared";
import { expect } from "chai";
import mongoose from "mongoose";
import { useTestDatabase } from "../helpers/testDatabase";
import { plainImage } from "./photoFixtures";

const newId = () => new mongoose.Types.ObjectId().toHexString();

function workerActor(username: string): Actor {
  return { id: newId(), username, name: username, role: "grid_worker", scope: [newId()], sessionId: newId() };
}

/** The field issues of a 400 that a promise rejects with. */
async function issuesOf(promise: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).status).to.equal(400);
    return ((error as AppError).details as { issues: { path: string; message: string }[] }).issues;
  }
  throw new Error("expected a 400");
}

describe("linking attachments to an event", () => {
  useTestDatabase();
  const worker = workerActor("worker");
  const other = workerActor("other");
  const regionPath = [newId(), newId()];
  const target = (eventId = newId()) => ({ eventId, regionPath, uploaderId: worker.id });
  const photoOf = async (actor: Actor) =>
    (
      await storeAttachment(actor, await plainImage("jpeg"), { purpose: "report", keepLocation: true })
    )._id.toHexString();
  const eventIdOf = async (id: string) => (await AttachmentModel.findById(id).lean())?.eventId?.toHexString() ?? null;

  it("links the uploader's own photos, in the order given, with the event's territory", async () => {
    const first = await photoOf(worker);
    const second = await photoOf(worker);
    const eventId = newId();
    const views = await linkAttachments([second, first], target(eventId));
    expect(views.map((view) => view.id)).to.deep.equal([second, first]);
    expect(views[0]).to.include({ mime: "image/jpeg", url: `/api/attachments/${second}` });
    const doc = await AttachmentModel.findById(first).lean();
    expect(doc?.eventId?.toHexString()).to.equal(eventId);
    expect(doc?.regionPath.map(String)).to.deep.equal(regionPath);
    expect((await eventAttachments(eventId)).map((view) => view.id).sort()).to.deep.equal([first, second].sort());
    expect(await linkAttachments([], target())).to.deep.equal([]);
  });

  it("refuses someone else's photo or an unknown id at its index, linking none of the others", async () => {
    const mine = await photoOf(worker);
    const theirs = await photoOf(other);
    const issues = await issuesOf(linkAttachments([mine, theirs, newId()], target()));
    expect(issues).to.deep.equal([
      { path: "attachments.1", message: "is not a photo you uploaded" },
      { path: "attachments.2", message: "is not a photo you uploaded" },
    ]);
    expect(await eventIdOf(mine)).to.equal(null);
    expect(await eventIdOf(theirs)).to.equal(null);
    expect(await issuesOf(linkAttachments(["nope"], target()))).to.deep.equal([
      { path: "attachments.0", message: "must be a 24-character hex id" },
    ]);
  });

  it("refuses a photo listed twice or already attached", async () => {
    const photo = await photoOf(worker);
    expect(await issuesOf(linkAttachments([photo, photo], target()))).to.deep.equal([
      { path: "attachments.1", message: "is listed twice" },
    ]);
    const eventId = newId();
    await linkAttachments([photo], target(eventId));
    expect(await issuesOf(linkAttachments([photo], target(eventId)))).to.deep.equal([
      { path: "attachments.0", message: "is already attached to this event" },
    ]);
    expect(await issuesOf(linkAttachments([photo], target()))).to.deep.equal([
      { path: "attachments.0", message: "is already attached to another event" },
    ]);
    expect(await eventIdOf(photo)).to.equal(eventId);
  });

  it(`refuses more than ${ATTACHMENT_LIMITS.maxPerEvent} photos at once`, async () => {
    const photos = Array.from({ length: ATTACHMENT_LIMITS.maxPerEvent + 1 }, () => newId());
    expect(await issuesOf(linkAttachments(photos, target()))).to.deep.equal([
      { path: "attachments", message: `must list at most ${ATTACHMENT_LIMITS.maxPerEvent} photos` },
    ]);
  });

  it("links all or none when another event holds one of them (claimed, not yet written)", async () => {
    const first = await photoOf(worker);
    const second = await photoOf(worker);
    // Another event is in the middle of linking the second photo: its claim is in, its update not yet.
    await AttachmentLinkModel.create({ _id: second, eventId: newId(), claimedAt: new Date() });
    const issues = await issuesOf(linkAttachments([first, second], target()));
    expect(issues).to.deep.equal([
      { path: "attachments.1", message: "was attached elsewhere or deleted meanwhile; nothing was attached" },
    ]);
    const firstDoc = await AttachmentModel.findById(first).lean();
    expect(firstDoc?.eventId).to.equal(null);
    expect(firstDoc?.regionPath).to.deep.equal([]);
    expect(await AttachmentLinkModel.findById(first).lean()).to.equal(null);
  });

  it("gives a photo to exactly one of fifty events racing for it", async () => {
    const photo = await photoOf(worker);
    const events = Array.from({ length: 50 }, () => newId());
    const outcomes = await Promise.allSettled(events.map((eventId) => linkAttachments([photo], target(eventId))));
    const winners = events.filter((_, index) => outcomes[index]?.status === "fulfilled");
    expect(winners).to.have.length(1);
    expect(await eventIdOf(photo)).to.equal(winners[0]);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect((outcome.reason as AppError).status).to.equal(400);
    }
  });

  it("lets a retry for the same event link again, idempotently", async () => {
    const photo = await photoOf(worker);
    const eventId = newId();
    await linkAttachments([photo], target(eventId));
    // A report retried under its Idempotency-Key links the same photos to the same event id.
    await AttachmentModel.updateOne({ _id: photo }, { $set: { eventId: null } });
    await linkAttachments([photo], target(eventId));
    expect(await eventIdOf(photo)).to.equal(eventId);
  });

  it("lets either the deletion or the link of a photo win a race, never both", async () => {
    for (let round = 0; round < 5; round++) {
      const photo = await photoOf(worker);
      const eventId = newId();
      const [deleted, linked] = await Promise.allSettled([
        deleteAttachment(worker, photo),
        linkAttachments([photo], target(eventId)),
      ]);
      expect([deleted.status, linked.status].filter((status) => status === "fulfilled")).to.have.length(1);
      const doc = await AttachmentModel.findById(photo).lean();
      if (linked.status === "fulfilled") expect(doc?.eventId?.toHexString()).to.equal(eventId);
      else expect(doc).to.equal(null);
    }
  });
});
