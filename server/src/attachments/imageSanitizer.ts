import { ATTACHMENT_LIMITS, type AttachmentMime, type LngLat } from "@gridrisk/shared";
import sharp, { type OutputInfo, type Sharp } from "sharp";
import { type ImageInspection, undecodableImage } from "./imageInspection";
import { readPhotoLocation } from "./photoLocation";

// Every upload is a different image: libvips' operation cache would only hold memory.
sharp.cache(false);

/** A photo ready to store: re-encoded, upright, no metadata; its GPS position apart when kept. */
export interface SanitizedImage {
  data: Buffer;
  mime: AttachmentMime;
  width: number;
  height: number;
  /** The GPS position read from the EXIF block before it was stripped. */
  location?: LngLat;
}

/** What the sanitizer may keep. */
export interface SanitizeOptions {
  /** Keep the EXIF GPS position as separate fields (KEEP_PHOTO_LOCATION). */
  keepLocation: boolean;
}

/** Re-encodes into the type it came in; the encoder writes no EXIF, XMP, ICC or comments unless asked. */
function encode(pipeline: Sharp, mime: AttachmentMime): Sharp {
  switch (mime) {
    case "image/jpeg":
      return pipeline.jpeg({ quality: 85 });
    case "image/png":
      return pipeline.png();
    case "image/webp":
      return pipeline.webp({ quality: 85 });
  }
}

/**
 * Decodes the whole image and writes a new one: turned upright by its EXIF orientation, its
 * longest side capped at `ATTACHMENT_LIMITS.maxSidePixels`, every metadata block and anything
 * after the image data dropped (so a file that is also HTML or a script loses that part).
 * Throws 400 when the image data is damaged or cut short.
 */
export async function sanitizeImage(
  bytes: Buffer,
  inspection: ImageInspection,
  options: SanitizeOptions,
): Promise<SanitizedImage> {
  const location = options.keepLocation ? await readPhotoLocation(inspection.exif) : undefined;
  const side = ATTACHMENT_LIMITS.maxSidePixels;
  const pipeline = sharp(bytes, { failOn: "error", limitInputPixels: ATTACHMENT_LIMITS.maxInputPixels })
    .autoOrient()
    .resize({ width: side, height: side, fit: "inside", withoutEnlargement: true });
  let output: { data: Buffer; info: OutputInfo };
  try {
    output = await encode(pipeline, inspection.mime).toBuffer({ resolveWithObject: true });
  } catch {
    throw undecodableImage(inspection.mime);
  }
  return {
    data: output.data,
    mime: inspection.mime,
    width: output.info.width,
    height: output.info.height,
    ...(location ? { location } : {}),
  };
}
