import { SESSION_GUARD_NAME } from "@gridrisk/server/middlewares/authenticate";
import type { Express } from "express";

/** One route of the app as the router serves it. */
export interface RouteEntry {
  method: string;
  /** Full path with its parameters, e.g. `/api/events/:id/actions`. */
  path: string;
  /** True when the session guard runs before its handler. */
  guarded: boolean;
}

/** The parts of an Express 5 (router 2) layer that the walk reads. */
interface Layer {
  name: string;
  rawPath?: unknown;
  handle?: { stack?: Layer[] };
  route?: { path: string; methods: Record<string, boolean>; stack: Layer[] };
}

const join = (prefix: string, path: string) => (prefix + (path === "/" ? "" : path)).replace(/\/+/g, "/") || "/";
const covers = (guardPath: string, path: string) =>
  guardPath === "/" || path === guardPath || path.startsWith(`${guardPath}/`);

function walk(stack: Layer[], prefix: string, guarded: boolean, out: RouteEntry[]): void {
  const guards: string[] = [];
  for (const layer of stack) {
    const path = typeof layer.rawPath === "string" ? layer.rawPath : "/";
    const isGuarded = (at: string) => guarded || guards.some((guardPath) => covers(guardPath, at));
    if (layer.route) {
      const routeGuarded =
        isGuarded(layer.route.path) || layer.route.stack.some((inner) => inner.name === SESSION_GUARD_NAME);
      for (const method of Object.keys(layer.route.methods)) {
        out.push({ method: method.toUpperCase(), path: join(prefix, layer.route.path), guarded: routeGuarded });
      }
    } else if (layer.name === SESSION_GUARD_NAME) {
      guards.push(path);
    } else if (layer.handle?.stack) {
      walk(layer.handle.stack, join(prefix, path), isGuarded(path), out);
    }
  }
}

/** Every route of `app`, found by walking its router stack (nested routers included). */
export function routeTable(app: Express): RouteEntry[] {
  const root = (app as unknown as { router: { stack: Layer[] } }).router;
  const out: RouteEntry[] = [];
  walk(root.stack, "", false, out);
  return out;
}

/** `path` with each `:param` filled in by `fill(name)`. */
export function fillPath(path: string, fill: (name: string) => string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(fill(name)));
}
