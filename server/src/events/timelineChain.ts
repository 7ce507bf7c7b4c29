import { createHash } from "node:crypto";
import type { Types } from "mongoose";

/** A timeline entry before it is hashed. */
export interface TimelineEntryContent {
  seq: number;
  action: string;
  actorId: Types.ObjectId | null;
  actorName: string;
  actorRole: string;
  at: Date;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  fields: string | null;
  evidence: Types.ObjectId[];
}

/** The chain's anchor for an event: nothing can be inserted before the first entry. */
export function genesisHash(eventId: Types.ObjectId): string {
  return createHash("sha256").update(`gridrisk-event:${eventId.toHexString()}`).digest("hex");
}

/** The content in a fixed order and form, so that the same entry always hashes the same. */
function canonical(entry: TimelineEntryContent): string {
  return JSON.stringify([
    entry.seq,
    entry.action,
    entry.actorId ? entry.actorId.toHexString() : null,
    entry.actorName,
    entry.actorRole,
    entry.at.toISOString(),
    entry.fromStatus,
    entry.toStatus,
    entry.note,
    entry.fields,
    entry.evidence.map((id) => id.toHexString()),
  ]);
}

/** SHA-256 over the previous entry's hash and this entry's content. */
export function entryHash(prevHash: string, entry: TimelineEntryContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonical(entry)).digest("hex");
}

/** The entry with its place in the chain. */
export function chainEntry(prevHash: string, entry: TimelineEntryContent) {
  return { ...entry, prevHash, hash: entryHash(prevHash, entry) };
}

/** Result of recomputing a timeline's chain. */
export interface ChainVerification {
  valid: boolean;
  entries: number;
  /** The first entry that does not match, with why. */
  firstBroken?: { index: number; seq: number; reason: string };
}

/** Recomputes every hash from the event's anchor and reports the first entry that does not match. */
export function verifyChain(
  eventId: Types.ObjectId,
  timeline: readonly (TimelineEntryContent & { prevHash: string; hash: string })[],
): ChainVerification {
  let prev = genesisHash(eventId);
  for (const [index, entry] of timeline.entries()) {
    if (entry.seq !== index + 1) {
      return { valid: false, entries: timeline.length, firstBroken: { index, seq: entry.seq, reason: "sequence gap" } };
    }
    if (entry.prevHash !== prev) {
      return {
        valid: false,
        entries: timeline.length,
        firstBroken: { index, seq: entry.seq, reason: "link to the previous entry broken" },
      };
    }
    if (entryHash(prev, entry) !== entry.hash) {
      return {
        valid: false,
        entries: timeline.length,
        firstBroken: { index, seq: entry.seq, reason: "content changed" },
      };
    }
    prev = entry.hash;
  }
  return { valid: true, entries: timeline.length };
}
