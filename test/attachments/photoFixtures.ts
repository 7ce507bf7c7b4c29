/** Test photos made on the spot, and readers of the metadata blocks a sanitised photo must not have. */
import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import sharp, { type Sharp } from "sharp";

/** The GPS position written into the test photos' EXIF (33°33′N, 119°03′E: inside the fixture's grid G1). */
export const PHOTO_GPS = { lng: 119.05, lat: 33.55 };

/** Text that the EXIF, XMP and comment of the test photos carry, to look for in the stored bytes. */
export const METADATA_MARKERS = ["SecretPhone", "SECRET-XMP"];

const RED = { r: 220, g: 20, b: 20 };
const BLUE = { r: 20, g: 20, b: 220 };

/** Degrees as an EXIF rational triple, degrees/minutes/hundredths of seconds. */
function dms(value: number): string {
  const degrees = Math.floor(value);
  const minutes = Math.floor((value - degrees) * 60);
  const seconds = Math.round(((value - degrees) * 60 - minutes) * 60 * 100);
  return `${degrees}/1 ${minutes}/1 ${seconds}/100`;
}

const GPS_EXIF = {
  IFD0: { Make: "SecretPhone", Model: "X1", ImageDescription: "SecretPhone test shot" },
  IFD3: {
    GPSLatitudeRef: "N",
    GPSLatitude: dms(PHOTO_GPS.lat),
    GPSLongitudeRef: "E",
    GPSLongitude: dms(PHOTO_GPS.lng),
  },
};

/** 60×40 pixels as stored: the left half red, the right half blue. */
function halves(): Sharp {
  const left = { input: { create: { width: 30, height: 40, channels: 3 as const, background: RED } }, left: 0, top: 0 };
  return sharp({ create: { width: 60, height: 40, channels: 3, background: BLUE } }).composite([left]);
}

/**
 * A JPEG as a phone writes one: 60×40 stored pixels (left red, right blue) to be shown turned
 * 90° clockwise (EXIF orientation 6), with camera fields, a GPS position, XMP and an ICC profile.
 */
export async function phoneJpeg(): Promise<Buffer> {
  const flat = await halves().png().toBuffer();
  return sharp(flat)
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .withExif(GPS_EXIF)
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><note>SECRET-XMP</note></x:xmpmeta>')
    .withIccProfile("p3")
    .toBuffer();
}

/** A small image of the given format with GPS in its EXIF (PNG: an eXIf chunk; WebP: an EXIF chunk). */
export async function imageWithGps(format: "png" | "webp"): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 24, channels: 3, background: RED } })
    [format]()
    .withExif(GPS_EXIF)
    .toBuffer();
}

/** A plain image of the given format and size, no metadata. */
export function plainImage(format: "jpeg" | "png" | "webp", width = 32, height = 24): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: BLUE } })
    [format]()
    .toBuffer();
}

/** A JPEG of random pixels, large enough that cutting it keeps a valid header. */
export function noisyJpeg(width = 400, height = 300): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg()
    .toBuffer();
}

/** The first 60 % of a file, as an interrupted upload leaves it. */
export function truncated(file: Buffer): Buffer {
  return file.subarray(0, Math.floor(file.length * 0.6));
}

/** A PNG whose header claims `width` × `height` pixels (a decompression bomb's trick), with a valid CRC. */
export function pngClaimingSize(png: Buffer, width: number, height: number): Buffer {
  const patched = Buffer.from(png);
  // Signature (8), IHDR length (4), "IHDR" (4), then width and height; the CRC covers type and data.
  patched.writeUInt32BE(width, 16);
  patched.writeUInt32BE(height, 20);
  patched.writeUInt32BE(crc32(patched.subarray(12, 29)), 29);
  return patched;
}

/** An HTML page, to be sent as if it were a JPEG. */
export const HTML_PAGE = Buffer.from(
  "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
);

/** An SVG image with a script, to be sent as if it were a JPEG. */
export const SCRIPTED_SVG = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><rect width="10" height="10"/></svg>',
);

/** A GIF header and a little data. */
export const GIF_IMAGE = Buffer.concat([Buffer.from("GIF89a", "latin1"), Buffer.alloc(32)]);

/** The markers of a JPEG's segments before its image data, e.g. ["APP0", "DQT", …]. */
export function jpegSegments(jpeg: Buffer): string[] {
  const names: string[] = [];
  let offset = 2;
  while (offset + 4 <= jpeg.length && jpeg[offset] === 0xff) {
    const marker = jpeg[offset + 1] ?? 0;
    names.push(
      marker >= 0xe0 && marker <= 0xef ? `APP${marker - 0xe0}` : marker === 0xfe ? "COM" : `0x${marker.toString(16)}`,
    );
    if (marker === 0xda) break;
    offset += 2 + jpeg.readUInt16BE(offset + 2);
  }
  return names;
}

/** The chunk types of a PNG, e.g. ["IHDR", "IDAT", "IEND"]. */
export function pngChunks(png: Buffer): string[] {
  const types: string[] = [];
  for (let offset = 8; offset + 8 <= png.length; offset += 12 + png.readUInt32BE(offset)) {
    types.push(png.toString("latin1", offset + 4, offset + 8));
  }
  return types;
}

/** The chunk types of a WebP (RIFF) file, e.g. ["VP8 "]. */
export function webpChunks(webp: Buffer): string[] {
  const types: string[] = [];
  for (
    let offset = 12;
    offset + 8 <= webp.length;
    offset += 8 + webp.readUInt32LE(offset + 4) + (webp.readUInt32LE(offset + 4) % 2)
  ) {
    types.push(webp.toString("latin1", offset, offset + 4));
  }
  return types;
}

/** The colour of the pixel at (x, y) of an image, as [r, g, b]. */
export async function pixelAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const start = (y * info.width + x) * info.channels;
  return [...data.subarray(start, start + 3)];
}

/** Whether a colour is mostly red (JPEG moves colours a little). */
export const isRed = ([r = 0, g = 0, b = 0]: number[]): boolean => r > 150 && g < 90 && b < 90;
/** Whether a colour is mostly blue. */
export const isBlue = ([r = 0, g = 0, b = 0]: number[]): boolean => b > 150 && r < 90 && g < 90;
