import type { EventListQuery } from "@gridrisk/shared";
import { Types } from "mongoose";
import { trusted } from "../../database/trustedFilter";
import { validationFailed } from "../../errors";
import type { ListPosition } from "../../events/eventListFacts";

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The database filter for a list query, on top of the caller's visibility filter. */
export function eventListFilter(
  query: EventListQuery,
  visible: Record<string, unknown>,
  actorId?: string,
): Record<string, unknown> {
  const and: Record<string, unknown>[] = [visible];
  if (query.mine === "true" && actorId) and.push({ reporterId: new Types.ObjectId(actorId) });
  if (query.followUpMine === "true" && actorId) and.push({ "followUp.assigneeId": new Types.ObjectId(actorId) });
  if (query.status) and.push({ status: trusted({ $in: query.status }) });
  if (query.severity) and.push({ severity: trusted({ $in: query.severity }) });
  if (query.category) and.push({ category: trusted({ $in: query.category }) });
  if (query.region) and.push({ regionPath: new Types.ObjectId(query.region) });
  if (query.institution) and.push({ institutionId: new Types.ObjectId(query.institution) });
  if (query.overdue === "true") and.push({ "overdueStages.0": trusted({ $exists: true }) });
  if (query.overdue === "false") and.push({ "overdueStages.0": trusted({ $exists: false }) });
  if (query.q) {
    const pattern = trusted({ $regex: escapeRegex(query.q), $options: "i" });
    and.push({ $or: [{ code: pattern }, { title: pattern }, { description: pattern }] });
  }
  if (query.createdFrom || query.createdTo) {
    and.push({
      createdAt: trusted({
        ...(query.createdFrom ? { $gte: new Date(query.createdFrom) } : {}),
        ...(query.createdTo ? { $lt: new Date(query.createdTo) } : {}),
      }),
    });
  }
  if (query.bbox) {
    const [minLng, minLat, maxLng, maxLat] = query.bbox as [number, number, number, number];
    and.push({ lng: trusted({ $gte: minLng, $lte: maxLng }), lat: trusted({ $gte: minLat, $lte: maxLat }) });
  }
  if (query.sort === "deadline") and.push({ nextDeadline: trusted({ $ne: null }) });
  return { $and: and };
}

/** Sort field and direction of a list query. */
export function sortOf(query: EventListQuery): { field: "createdAt" | "nextDeadline"; direction: 1 | -1 } {
  if (query.sort === "deadline") return { field: "nextDeadline", direction: 1 };
  return { field: "createdAt", direction: query.sort === "createdAt" ? 1 : -1 };
}

/** Where a cursor this API returned continues: after (sort value, id). 400 when it is not one. */
export function parseCursor(cursor: string): ListPosition {
  let parsed: { v: string; id: string };
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof parsed.v !== "string" || !/^[0-9a-f]{24}$/.test(parsed.id) || Number.isNaN(Date.parse(parsed.v)))
      throw new Error();
  } catch {
    throw validationFailed([{ path: "query.cursor", message: "is not a cursor this API returned" }]);
  }
  return { value: Date.parse(parsed.v), id: parsed.id };
}

/** The filter that continues after a cursor of (sort value, id). */
export function afterCursor(cursor: string, sort: ReturnType<typeof sortOf>): Record<string, unknown> {
  const position = parseCursor(cursor);
  const op = sort.direction === 1 ? "$gt" : "$lt";
  const value = new Date(position.value);
  return {
    $or: [
      { [sort.field]: trusted({ [op]: value }) },
      { [sort.field]: value, _id: trusted({ [op]: new Types.ObjectId(position.id) }) },
    ],
  };
}

/** The cursor after an item. */
export function cursorAfter(
  item: { _id: Types.ObjectId; createdAt?: Date | null; nextDeadline?: Date | null },
  sort: ReturnType<typeof sortOf>,
): string {
  const value = (sort.field === "createdAt" ? item.createdAt : item.nextDeadline) ?? new Date(0);
  return cursorAt({ value: value.getTime(), id: item._id.toHexString() });
}

/** The cursor of a list position. */
export function cursorAt(position: ListPosition): string {
  return Buffer.from(JSON.stringify({ v: new Date(position.value).toISOString(), id: position.id })).toString(
    "base64url",
  );
}
