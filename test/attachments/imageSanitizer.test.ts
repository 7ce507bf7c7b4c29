import { inspectImage } from "@gridrisk/server/attachments/imageInspection";
import { sanitizeImage } from "@gridrisk/server/attachments/imageSanitizer";
import { readPhotoLocation } from "@gridrisk/server/attachments/photoLocation";
import { AppError } from "@gridrisk/server/errors";
import { ATTACHMENT_LIMITS } from "@gridrisk/shared";
import { expect } from "chai";
import sharp from "sharp";
import {
  HTML_PAGE,
  imageWithGps,
  isBlue,
  isRed,
  jpegSegments,
  METADATA_MARKERS,
  noisyJpeg,
  PHOTO_GPS,
  phoneJpeg,
  pixelAt,
  plainImage,
  pngChunks,
  truncated,
  webpChunks,
} from "./photoFixtures";

const sanitize = async (bytes: Buffer, keepLocation = true) =>
  sanitizeImage(bytes, await inspectImage(bytes), { keepLocation });

/** Asserts that sharp finds no metadata in `image` and that none of the marker texts is in its bytes. */
async function expectNoMetadata(image: Buffer): Promise<void> {
  const metadata = await sharp(image).metadata();
  expect(metadata.exif, "exif").to.equal(undefined);
  expect(metadata.xmp, "xmp").to.equal(undefined);
  expect(metadata.icc, "icc").to.equal(undefined);
  expect(metadata.orientation, "orientation").to.equal(undefined);
  for (const marker of METADATA_MARKERS) expect(image.includes(marker), marker).to.equal(false);
}

describe("image sanitizer", () => {
  it("strips EXIF, GPS, XMP and ICC from a phone's JPEG and keeps the GPS position apart", async () => {
    const input = await phoneJpeg();
    expect(jpegSegments(input)).to.include.members(["APP1", "APP2"]);
    const image = await sanitize(input);
    expect(image.mime).to.equal("image/jpeg");
    expect(image.location).to.deep.equal(PHOTO_GPS);
    // No APPn (EXIF/XMP are APP1, ICC is APP2) and no comment segment before the image data.
    expect(jpegSegments(image.data).filter((name) => name.startsWith("APP") || name === "COM")).to.deep.equal([]);
    await expectNoMetadata(image.data);
  });

  it("turns the photo upright by its EXIF orientation", async () => {
    // Stored 60×40, left half red, orientation 6 (turn 90° clockwise): shown 40×60, top half red.
    const image = await sanitize(await phoneJpeg());
    expect([image.width, image.height]).to.deep.equal([40, 60]);
    const stored = await sharp(image.data).metadata();
    expect([stored.width, stored.height]).to.deep.equal([40, 60]);
    expect(isRed(await pixelAt(image.data, 20, 10)), "top").to.equal(true);
    expect(isBlue(await pixelAt(image.data, 20, 50)), "bottom").to.equal(true);
  });

  it("drops the location when it is not to be kept", async () => {
    const image = await sanitize(await phoneJpeg(), false);
    expect(image.location).to.equal(undefined);
    await expectNoMetadata(image.data);
  });

  it("keeps PNG as PNG and WebP as WebP, reading their GPS and dropping their EXIF chunks", async () => {
    const png = await sanitize(await imageWithGps("png"));
    expect(png.mime).to.equal("image/png");
    expect(png.location).to.deep.equal(PHOTO_GPS);
    expect(pngChunks(png.data)).to.not.include.members(["eXIf", "tEXt", "iTXt", "zTXt", "iCCP"]);
    await expectNoMetadata(png.data);
    const webp = await sanitize(await imageWithGps("webp"));
    expect(webp.mime).to.equal("image/webp");
    expect(webp.location).to.deep.equal(PHOTO_GPS);
    expect(webpChunks(webp.data)).to.not.include.members(["EXIF", "XMP ", "ICCP"]);
    await expectNoMetadata(webp.data);
  });

  it("caps the longest side and never enlarges", async () => {
    const wide = await sanitize(await plainImage("png", 5000, 100));
    expect([wide.width, wide.height]).to.deep.equal([ATTACHMENT_LIMITS.maxSidePixels, 82]);
    const small = await sanitize(await plainImage("webp", 30, 20));
    expect([small.width, small.height]).to.deep.equal([30, 20]);
  });

  it("drops whatever follows the image data, such as an HTML page", async () => {
    const polyglot = Buffer.concat([await plainImage("jpeg"), HTML_PAGE]);
    const image = await sanitize(polyglot);
    expect(image.data.includes("<script>")).to.equal(false);
  });

  it("refuses a JPEG cut short with 400", async () => {
    const bytes = truncated(await noisyJpeg());
    try {
      await sanitize(bytes);
      expect.fail("expected a refusal");
    } catch (error) {
      expect(error).to.be.instanceOf(AppError);
      expect((error as AppError).status).to.equal(400);
      expect((error as AppError).message).to.match(/^body: starts like a JPEG image but cannot be decoded/);
    }
  });

  it("reads no location from a damaged, empty or 0,0 GPS block", async () => {
    expect(await readPhotoLocation(undefined)).to.equal(undefined);
    expect(await readPhotoLocation(Buffer.from("Exif\0\0garbage", "latin1"))).to.equal(undefined);
    const nullIsland = await sharp({ create: { width: 8, height: 8, channels: 3, background: "white" } })
      .jpeg()
      .withExif({
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "0/1 0/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "0/1 0/1 0/1" },
      })
      .toBuffer();
    expect((await sanitize(nullIsland)).location).to.equal(undefined);
  });
});
