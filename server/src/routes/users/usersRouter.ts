import { idParamsSchema, limitParam, ROLES, userCreateSchema, userUpdateSchema } from "@gridrisk/shared";
import { Router } from "express";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import type { SessionStore } from "../../auth/sessionStore";
import { createUser, updateUser } from "../../commands/userAccounts";
import { notFound } from "../../errors";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { type UserDoc, UserModel } from "../../models/user";
import type { Actor } from "../../policies/actor";
import { regionPathIds } from "../../policies/regionVisibility";
import { authorize, isWithinTerritory } from "../../policies/territoryPolicy";
import { presentUser } from "../../presenters/userPresenter";
import { decodeCursor, pageOf } from "../pagination";

export const userListQuerySchema = z
  .object({
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }).optional(),
    q: z.string().trim().min(1).max(50).optional(),
    limit: limitParam,
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** A user's place: every region of their scope, with its ancestors. */
function userRegionPath(user: UserDoc): string[] {
  return user.scope.flatMap((id) => regionPathIds(id.toHexString()));
}

/** 404 unless the user lies in the actor's territory. */
function userInTerritory(actor: Actor, user: UserDoc | null, id: string): UserDoc {
  if (!user || !isWithinTerritory(actor, userRegionPath(user))) throw notFound(`User ${id}`);
  return user;
}

/** GET/POST /api/users, GET/PATCH /api/users/:id */
export function usersRouter(sessions: SessionStore): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    const query = validate(userListQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "user");
    const users = (await UserModel.find(query.role ? { role: query.role } : {}).lean()) as UserDoc[];
    const needle = query.q?.toLowerCase();
    const visible = users
      .filter((user) => isWithinTerritory(actor, userRegionPath(user)))
      .filter((user) => !needle || user.username.includes(needle) || user.name.toLowerCase().includes(needle))
      .sort((a, b) => (a.username < b.username ? -1 : 1));
    const page = pageOf(visible, (user) => user.username, query.limit, decodeCursor(query.cursor));
    res.json({ items: page.items.map(presentUser), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  router.get("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const actor = actorOf(res);
    authorize(actor, "read", "user");
    const user = userInTerritory(actor, (await UserModel.findById(id).lean()) as UserDoc | null, id);
    res.json({ user: presentUser(user) });
  });

  router.post("/", async (req, res) => {
    const input = validate(userCreateSchema, req.body, "body");
    const actor = actorOf(res);
    authorize(actor, "create", "user");
    const user = presentUser(await createUser(input));
    await recordAudit({ actor, action: "create", entityType: "user", entityId: user.id, before: null, after: user });
    res.status(201).json({ user });
  });

  router.patch("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const input = validate(userUpdateSchema, req.body, "body");
    const actor = actorOf(res);
    authorize(actor, "update", "user");
    const before = userInTerritory(actor, (await UserModel.findById(id).lean()) as UserDoc | null, id);
    const user = presentUser(await updateUser(id, input, sessions));
    await recordAudit({
      actor,
      action: "update",
      entityType: "user",
      entityId: id,
      before: presentUser(before),
      after: user,
      ...("password" in input ? { note: "password set" } : {}),
    });
    res.json({ user });
  });
  return router;
}
