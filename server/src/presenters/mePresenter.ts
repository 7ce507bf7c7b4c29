import type { Actor } from "../policies/actor";
import type { UserView } from "./userPresenter";

/** Body of GET /api/me. */
export type MeView = Pick<UserView, "id" | "username" | "name" | "role" | "scope" | "departmentId">;

/** The signed-in user, as GET /api/me shows them. */
export function presentMe(actor: Actor): MeView {
  return {
    id: actor.id,
    username: actor.username,
    name: actor.name,
    role: actor.role,
    scope: actor.scope,
    ...(actor.departmentId ? { departmentId: actor.departmentId } : {}),
  };
}
