import type { Role } from "@gridrisk/shared";

/** The signed-in person on whose behalf a request acts. */
export interface Actor {
  id: string;
  username: string;
  name: string;
  role: Role;
  /** Region ids the actor acts within. */
  scope: string[];
  departmentId?: string;
  /** The session behind the request, for sign-out. */
  sessionId: string;
}
