import { inspectImage, sniffImageType } from "@gridrisk/server/attachments/imageInspection";
import { AppError } from "@gridrisk/server/errors";
import { ATTACHMENT_LIMITS } from "@gridrisk/shared";
import { expect } from "chai";
import {
  GIF_IMAGE,
  HTML_PAGE,
  noisyJpeg,
  phoneJpeg,
  plainImage,
  pngClaimingSize,
  SCRIPTED_SVG,
  truncated,
} from "./photoFixtures";

/** The AppError a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

const latin1 = (text: string, length = 32) => Buffer.concat([Buffer.from(text, "latin1"), Buffer.alloc(length)]);

describe("image inspection", () => {
  it("names what the first bytes are, whatever the file is called", async () => {
    const table: [string, Buffer, string, string | undefined][] = [
      ["JPEG", await plainImage("jpeg"), "jpeg", "image/jpeg"],
      ["PNG", await plainImage("png"), "png", "image/png"],
      ["WebP", await plainImage("webp"), "webp", "image/webp"],
      ["GIF", GIF_IMAGE, "gif", undefined],
      ["BMP", latin1("BM"), "bmp", undefined],
      ["TIFF", Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), "tiff", undefined],
      ["HEIC", latin1("\0\0\0\x18ftypheic"), "heic", undefined],
      ["AVIF", latin1("\0\0\0\x1cftypavif"), "avif", undefined],
      ["WAV", latin1("RIFF\x24\0\0\0WAVEfmt "), "riff", undefined],
      ["PDF", latin1("%PDF-1.7\n"), "pdf", undefined],
      ["ZIP", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), "zip", undefined],
      ["SVG", SCRIPTED_SVG, "svg", undefined],
      [
        "SVG with a BOM and spaces",
        Buffer.from(`\uFEFF  \n<svg xmlns="http://www.w3.org/2000/svg"/>`),
        "svg",
        undefined,
      ],
      ["HTML", HTML_PAGE, "html", undefined],
      ["text", Buffer.from("just some words\n"), "text", undefined],
      ["random", Buffer.from([0x00, 0x01, 0x02, 0xfe, 0x10]), "unknown", undefined],
    ];
    for (const [name, bytes, kind, mime] of table) {
      const sniffed = sniffImageType(bytes);
      expect(sniffed.kind, name).to.equal(kind);
      expect(sniffed.mime, name).to.equal(mime);
    }
  });

  it("reads the stored dimensions and the EXIF block of an accepted image", async () => {
    const inspection = await inspectImage(await phoneJpeg());
    expect(inspection).to.include({ mime: "image/jpeg", width: 60, height: 40 });
    expect(inspection.exif?.length).to.be.above(0);
    const png = await inspectImage(await plainImage("png", 50, 20));
    expect(png).to.include({ mime: "image/png", width: 50, height: 20 });
    expect(png.exif).to.equal(undefined);
  });

  it("refuses HTML, SVG and GIF with 415 saying what they are", async () => {
    for (const [bytes, detected] of [
      [HTML_PAGE, "an HTML document"],
      [SCRIPTED_SVG, "an SVG image"],
      [GIF_IMAGE, "a GIF image"],
    ] as const) {
      const error = await refusal(inspectImage(bytes));
      expect(error.status).to.equal(415);
      expect(error.code).to.equal("unsupported_media_type");
      expect(error.message).to.equal(
        `A photo must be a JPEG, PNG or WebP image; this is ${detected}. Its name and declared type do not count.`,
      );
    }
  });

  it("refuses an empty body (400), one over the limit (413) and a header that does not decode (400)", async () => {
    const empty = await refusal(inspectImage(Buffer.alloc(0)));
    expect([empty.status, empty.message]).to.deep.equal([400, "body: is empty: send the photo's bytes"]);
    const huge = Buffer.concat([await plainImage("jpeg"), Buffer.alloc(ATTACHMENT_LIMITS.maxBytes)]);
    expect((await refusal(inspectImage(huge))).status).to.equal(413);
    const headerOnly = (await noisyJpeg()).subarray(0, 20);
    const broken = await refusal(inspectImage(headerOnly));
    expect([broken.status, broken.message]).to.deep.equal([
      400,
      "body: starts like a JPEG image but cannot be decoded: it is damaged or cut short",
    ]);
    // A cut JPEG whose header is whole passes inspection; the sanitizer's full decode catches it.
    expect((await inspectImage(truncated(await noisyJpeg()))).width).to.equal(400);
  });

  it("refuses a small file that claims more pixels than the limit", async () => {
    const bomb = pngClaimingSize(await plainImage("png"), 20_000, 20_000);
    const error = await refusal(inspectImage(bomb));
    expect([error.status, error.message]).to.deep.equal([400, "body: is 20000×20000 pixels; at most 100 megapixels"]);
  });
});
