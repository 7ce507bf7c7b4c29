import { ATTACHMENT_LIMITS, type AttachmentMime } from "@gridrisk/shared";
import sharp, { type Metadata } from "sharp";
import { type AppError, payloadTooLarge, unsupportedMediaType, validationFailed } from "../errors";

/** What the first bytes of an upload say it is. */
export interface SniffedType {
  /** Short name of what was found, e.g. `png`, `svg`, `html`, `unknown`. */
  kind: string;
  /** The same for a person, e.g. "an SVG image". */
  label: string;
  /** Set only for an accepted image type. */
  mime?: AttachmentMime;
}

/** An accepted image, as its header describes it. */
export interface ImageInspection {
  mime: AttachmentMime;
  /** Pixels as stored, before any EXIF orientation is applied. */
  width: number;
  height: number;
  /** The raw EXIF block, when the file has one (read for GPS before it is stripped). */
  exif?: Buffer;
}

const ACCEPTED: Record<AttachmentMime, { kind: string; label: string; sharpFormat: string }> = {
  "image/jpeg": { kind: "jpeg", label: "a JPEG image", sharpFormat: "jpeg" },
  "image/png": { kind: "png", label: "a PNG image", sharpFormat: "png" },
  "image/webp": { kind: "webp", label: "a WebP image", sharpFormat: "webp" },
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  Buffer.from(bytes.subarray(from, to)).toString("latin1");

const accepted = (mime: AttachmentMime): SniffedType => ({
  kind: ACCEPTED[mime].kind,
  label: ACCEPTED[mime].label,
  mime,
});

/** Names what a text body is: markup is what a browser could be tricked into running. */
function sniffText(bytes: Uint8Array): SniffedType {
  const head = Buffer.from(bytes.subarray(0, 1024))
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (head.startsWith("<")) {
    if (head.includes("<svg")) return { kind: "svg", label: "an SVG image" };
    if (/<!doctype html|<html|<head|<body|<script|<iframe/.test(head))
      return { kind: "html", label: "an HTML document" };
    return { kind: "xml", label: "an XML or HTML document" };
  }
  const sample = bytes.subarray(0, 512);
  const printable = sample.filter((byte) => byte === 9 || byte === 10 || byte === 13 || byte >= 32).length;
  return printable === sample.length
    ? { kind: "text", label: "plain text" }
    : { kind: "unknown", label: "unrecognised data" };
}

/** Finds the type of `bytes` by their magic numbers alone. */
export function sniffImageType(bytes: Uint8Array): SniffedType {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return accepted("image/jpeg");
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return accepted("image/png");
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return accepted("image/webp");
  if (ascii(bytes, 0, 4) === "RIFF") return { kind: "riff", label: "a RIFF file (WAV or AVI)" };
  if (ascii(bytes, 0, 4) === "GIF8") return { kind: "gif", label: "a GIF image" };
  if (ascii(bytes, 0, 2) === "BM") return { kind: "bmp", label: "a BMP image" };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: "tiff", label: "a TIFF image" };
  }
  if (ascii(bytes, 4, 8) === "ftyp") {
    const brand = ascii(bytes, 8, 12);
    if (/^(heic|heix|hevc|mif1|msf1)$/.test(brand)) return { kind: "heic", label: "a HEIC image" };
    if (/^avi[fs]$/.test(brand)) return { kind: "avif", label: "an AVIF image" };
    return { kind: "video", label: "an MP4 or QuickTime file" };
  }
  if (ascii(bytes, 0, 5) === "%PDF-") return { kind: "pdf", label: "a PDF document" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: "zip", label: "a ZIP archive" };
  return sniffText(bytes);
}

/** 400 for bytes that start like an accepted image but do not decode as one. */
export function undecodableImage(mime: AttachmentMime): AppError {
  return validationFailed([
    { path: "body", message: `starts like ${ACCEPTED[mime].label} but cannot be decoded: it is damaged or cut short` },
  ]);
}

/**
 * Checks that `bytes` are a JPEG, PNG or WebP image by their content (a PNG named .jpg is a PNG;
 * an HTML or SVG file is refused whatever it is called) and reads its dimensions from its header.
 * Throws 400 when empty or undecodable, 413 when too large, 415 when not an accepted type.
 */
export async function inspectImage(bytes: Buffer): Promise<ImageInspection> {
  if (bytes.length === 0) throw validationFailed([{ path: "body", message: "is empty: send the photo's bytes" }]);
  if (bytes.length > ATTACHMENT_LIMITS.maxBytes) throw payloadTooLarge(ATTACHMENT_LIMITS.maxBytes);
  const sniffed = sniffImageType(bytes);
  const { mime } = sniffed;
  if (!mime) {
    throw unsupportedMediaType(
      `A photo must be a JPEG, PNG or WebP image; this is ${sniffed.label}. Its name and declared type do not count.`,
    );
  }
  let metadata: Metadata;
  try {
    // The pixel limit is checked below, with a clearer message than libvips gives.
    metadata = await sharp(bytes, { failOn: "error", limitInputPixels: false }).metadata();
  } catch {
    throw undecodableImage(mime);
  }
  const { width, height } = metadata;
  if (metadata.format !== ACCEPTED[mime].sharpFormat || !width || !height) throw undecodableImage(mime);
  if (width * height > ATTACHMENT_LIMITS.maxInputPixels) {
    const megapixels = ATTACHMENT_LIMITS.maxInputPixels / 1_000_000;
    throw validationFailed([
      { path: "body", message: `is ${width}×${height} pixels; at most ${megapixels} megapixels` },
    ]);
  }
  return { mime, width, height, ...(metadata.exif ? { exif: metadata.exif } : {}) };
}
