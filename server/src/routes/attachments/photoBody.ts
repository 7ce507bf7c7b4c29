import { ATTACHMENT_LIMITS } from "@gridrisk/shared";
import express, { type Request, type Response } from "express";
import { payloadTooLarge, unsupportedMediaType, validationFailed } from "../../errors";

// Any declared type is read as bytes: the content decides what the photo is. Compressed bodies
// are refused (415), so the limit is on what is stored, not on a small gzip of something huge.
const rawPhoto = express.raw({ type: () => true, limit: ATTACHMENT_LIMITS.maxBytes, inflate: false });

/**
 * Reads the request body of a photo upload. The JSON parser on /api reads only
 * `application/json`, so an image body reaches this untouched; a JSON body does not (415).
 */
export function readPhotoBody(req: Request, res: Response): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    rawPhoto(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === "entity.too.large") {
        reject(payloadTooLarge(ATTACHMENT_LIMITS.maxBytes));
      } else if (error) {
        reject(error);
      } else if (Buffer.isBuffer(req.body) && req.body.length > 0) {
        resolve(req.body);
      } else if (req.body === undefined || Buffer.isBuffer(req.body)) {
        reject(validationFailed([{ path: "body", message: "is empty: send the photo's bytes" }]));
      } else {
        reject(unsupportedMediaType("Send the photo's bytes with Content-Type image/jpeg, image/png or image/webp."));
      }
    });
  });
}
