import { loginSchema } from "@gridrisk/shared";
import { serialize as serializeCookie } from "cookie";
import { Router } from "express";
import type { SessionStore } from "../../auth/sessionStore";
import { signIn } from "../../commands/signIn";
import { actorOf, authenticate, SESSION_COOKIE } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { presentMe } from "../../presenters/mePresenter";
import { presentUser } from "../../presenters/userPresenter";

/** POST /api/auth/login, POST /api/auth/logout, GET /api/me. */
export function authRouter(sessions: SessionStore, options: { secureCookies: boolean }): Router {
  const router = Router();
  const cookie = (value: string, maxAgeSeconds: number) =>
    serializeCookie(SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: "lax",
      secure: options.secureCookies,
      path: "/",
      maxAge: maxAgeSeconds,
    });

  router.post("/auth/login", async (req, res) => {
    const input = validate(loginSchema, req.body, "body");
    const { token, expiresAt, user } = await signIn(
      input,
      { ip: req.ip ?? "unknown", userAgent: req.get("user-agent") },
      sessions,
    );
    res.setHeader("Set-Cookie", cookie(token, Math.floor((expiresAt.getTime() - Date.now()) / 1000)));
    res.setHeader("Cache-Control", "no-store");
    res.json({ token, expiresAt: expiresAt.toISOString(), user: presentUser(user) });
  });

  router.post("/auth/logout", authenticate(sessions), async (_req, res) => {
    await sessions.revoke(actorOf(res).sessionId);
    res.setHeader("Set-Cookie", cookie("", 0));
    res.status(204).end();
  });

  router.get("/me", authenticate(sessions), (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(presentMe(actorOf(res)));
  });
  return router;
}
