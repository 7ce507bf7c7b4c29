import { z } from "zod";
import type { Role } from "../auth";

const objectId = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id");

/** GET /api/presence: exactly one of a township or a department. */
export const presenceQuerySchema = z
  .object({
    /** Who is online in this township. */
    township: objectId.optional(),
    /** Who of this department is online. */
    department: objectId.optional(),
  })
  .strict()
  .refine((query) => (query.township === undefined) !== (query.department === undefined), {
    message: "give either township or department",
  });
export type PresenceQuery = z.infer<typeof presenceQuerySchema>;

/** One person online (however many sockets they have open). */
export interface PresenceView {
  userId: string;
  name: string;
  role: Role;
  /** When the earliest of their open connections was made. */
  since: string;
  /** When one of their connections was last confirmed alive. */
  lastSeen: string;
}

/** Timing of presence. */
export const PRESENCE_LIMITS = {
  /** How often each instance confirms its own connections. */
  heartbeatMs: 30_000,
  /** An entry not confirmed for this long (its instance crashed) counts as gone. */
  staleAfterMs: 90_000,
} as const;
