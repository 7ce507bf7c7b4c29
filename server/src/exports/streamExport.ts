import type { Response } from "express";
import type { EventDoc } from "../models/event";
import { territory } from "../territory/territoryCache";
import type { ExportFormat } from "./eventExportFormats";
import { eventExportRecord } from "./eventExportRecord";

/** A database cursor: read one document at a time, closed early when the client goes away. */
export interface ExportCursor extends AsyncIterable<EventDoc> {
  close(): Promise<unknown>;
}

/** Resolves when the response's buffer has drained, or the connection closed. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Writes every document of the cursor to the response in `format`, waiting for the socket to
 * drain whenever its buffer is full, so memory stays bounded whatever the number of events.
 */
export async function streamExport(
  res: Response,
  cursor: ExportCursor,
  format: ExportFormat,
  fileName: string,
): Promise<number> {
  let aborted = false;
  res.on("close", () => {
    if (!res.writableFinished) {
      aborted = true;
      void cursor.close();
    }
  });
  res.status(200);
  res.setHeader("Content-Type", format.contentType);
  res.setHeader("Content-Disposition", `attachment; filename="${fileName}.${format.extension}"`);
  res.setHeader("Cache-Control", "no-store");
  res.write(format.head);
  const regions = territory();
  let count = 0;
  for await (const doc of cursor) {
    if (aborted) break;
    if (!res.write(format.record(eventExportRecord(doc, regions), count))) await drained(res);
    count += 1;
  }
  if (!aborted) res.end(format.tail);
  return count;
}
