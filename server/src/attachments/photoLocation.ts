import type { LngLat } from "@gridrisk/shared";
import exifr from "exifr";

// libvips hands over JPEG and WebP EXIF with the APP1 "Exif\0\0" header, PNG's eXIf chunk without it.
const EXIF_HEADER = Buffer.from("Exif\0\0", "latin1");

const roundTo6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/**
 * The GPS position in an image's raw EXIF block, or undefined when there is none or it is not a
 * plausible WGS-84 position. Phones without a fix write 0,0, which is dropped too.
 */
export async function readPhotoLocation(exif: Buffer | undefined): Promise<LngLat | undefined> {
  if (!exif || exif.length === 0) return undefined;
  const tiff = exif.subarray(0, EXIF_HEADER.length).equals(EXIF_HEADER) ? exif.subarray(EXIF_HEADER.length) : exif;
  let gps: { latitude?: number; longitude?: number } | undefined;
  try {
    gps = await exifr.gps(tiff);
  } catch {
    // A damaged EXIF block loses only the location, never the photo.
    return undefined;
  }
  const lat = gps?.latitude;
  const lng = gps?.longitude;
  if (typeof lat !== "number" || typeof lng !== "number" || !Number.isFinite(lat) || !Number.isFinite(lng)) {
    return undefined;
  }
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180 || (lat === 0 && lng === 0)) return undefined;
  return { lng: roundTo6(lng), lat: roundTo6(lat) };
}
