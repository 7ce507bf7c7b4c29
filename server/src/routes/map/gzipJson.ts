import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Request, Response } from "express";

const gzipAsync = promisify(gzip);
/** Bodies smaller than this go out as they are. */
const MIN_GZIP_BYTES = 8 * 1024;

/** Whether the client accepts a gzipped body. */
export function acceptsGzip(req: Request): boolean {
  return /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
}

/**
 * Sends `body` as JSON, gzipped when the client accepts it and it is large: the live map's event
 * rows run to megabytes for a city and shrink about fivefold.
 */
export async function sendJsonGzipped(req: Request, res: Response, body: unknown): Promise<void> {
  const json = Buffer.from(JSON.stringify(body));
  res.type("application/json").set("Vary", "Accept-Encoding");
  if (json.length < MIN_GZIP_BYTES || !acceptsGzip(req)) {
    res.send(json);
    return;
  }
  res.set("Content-Encoding", "gzip").send(await gzipAsync(json, { level: 4 }));
}
