import { pipeline } from "node:stream/promises";
import { attachmentUploadQuerySchema, idParamsSchema } from "@gridrisk/shared";
import { Router } from "express";
import { authorizeUpload } from "../../attachments/attachmentAccess";
import { deleteAttachment, loadAttachment, openAttachment, storeAttachment } from "../../attachments/attachmentRecords";
import { createLogger } from "../../logging/logger";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { photoHeaders, presentAttachment } from "../../presenters/attachmentPresenter";
import { readPhotoBody } from "./photoBody";

const log = createLogger("attachments");

/** What the attachment routes need from the configuration. */
export interface AttachmentsRouterOptions {
  /** Keep a photo's GPS position (KEEP_PHOTO_LOCATION); on unless said otherwise. */
  keepPhotoLocation?: boolean;
}

/** POST /api/attachments?purpose=, GET and DELETE /api/attachments/:id */
export function attachmentsRouter({ keepPhotoLocation = true }: AttachmentsRouterOptions = {}): Router {
  const router = Router();

  router.post("/", async (req, res) => {
    const { purpose } = validate(attachmentUploadQuerySchema, req.query, "query");
    const actor = actorOf(res);
    // Before the body is read: a role that may not upload does not get to send 10 MiB first.
    authorizeUpload(actor);
    const photo = await readPhotoBody(req, res);
    const doc = await storeAttachment(actor, photo, { purpose, keepLocation: keepPhotoLocation });
    res.status(201).json({ attachment: presentAttachment(doc) });
  });

  router.get("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const doc = await loadAttachment(actorOf(res), id);
    const { stream } = await openAttachment(doc);
    res.set(photoHeaders(doc));
    if (req.fresh) {
      stream.destroy();
      res.status(304).end();
      return;
    }
    try {
      await pipeline(stream, res);
    } catch (error) {
      // Headers are gone: all that is left is to cut the response short.
      log.warn("photo download interrupted", { attachmentId: id, error: (error as Error).message });
      res.destroy();
    }
  });

  router.delete("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    await deleteAttachment(actorOf(res), id);
    res.status(204).end();
  });
  return router;
}
