import type { PresenceView, Role } from "@gridrisk/shared";
import type { PresenceEntryDoc } from "../models/presenceEntry";

/**
 * One item per person from their socket entries: online since the earliest connection, last
 * seen at the latest confirmation. Every field that leaves the server is listed here.
 */
export function presentPresence(entries: readonly PresenceEntryDoc[]): PresenceView[] {
  const byUser = new Map<string, PresenceView>();
  for (const entry of entries) {
    const since = entry.connectedAt.toISOString();
    const lastSeen = entry.lastSeen.toISOString();
    const known = byUser.get(entry.userId);
    if (!known) {
      byUser.set(entry.userId, { userId: entry.userId, name: entry.name, role: entry.role as Role, since, lastSeen });
      continue;
    }
    if (since < known.since) known.since = since;
    if (lastSeen > known.lastSeen) known.lastSeen = lastSeen;
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}
