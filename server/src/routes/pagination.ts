import { validationFailed } from "../errors";

/** An opaque cursor for the client from the sort key of the last item. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

/** The sort key inside a cursor; 400 when it was not made by encodeCursor. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!key || encodeCursor(key) !== cursor) {
    throw validationFailed([{ path: "query.cursor", message: "is not a cursor this API returned" }]);
  }
  return key;
}

/** A page of items and the cursor of the next one (absent on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Cuts a sorted list into a page: takes `limit` items after the cursor key. */
export function pageOf<T>(sorted: T[], keyOf: (item: T) => string, limit: number, afterKey?: string): Page<T> {
  const start = afterKey === undefined ? 0 : sorted.findIndex((item) => keyOf(item) > afterKey);
  const from = start < 0 ? sorted.length : start;
  const items = sorted.slice(from, from + limit);
  const last = items[items.length - 1];
  return from + limit < sorted.length && last ? { items, nextCursor: encodeCursor(keyOf(last)) } : { items };
}
