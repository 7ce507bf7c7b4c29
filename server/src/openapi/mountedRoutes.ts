import type { Router } from "express";

/** A route as Express has it mounted: method and path in Express syntax (`/events/:id`). */
export interface MountedRoute {
  method: string;
  path: string;
}

interface LayerLike {
  rawPath?: string | string[];
  slash?: boolean;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

/** Every route of an Express router and its sub-routers, with the prefixes they are mounted at. */
export function mountedRoutes(router: Router, prefix = ""): MountedRoute[] {
  const routes: MountedRoute[] = [];
  for (const layer of (router as unknown as { stack: LayerLike[] }).stack) {
    const raw = Array.isArray(layer.rawPath) ? (layer.rawPath[0] ?? "") : (layer.rawPath ?? "");
    if (layer.route) {
      for (const [method, enabled] of Object.entries(layer.route.methods)) {
        if (enabled && method !== "_all")
          routes.push({ method: method.toUpperCase(), path: prefix + layer.route.path });
      }
    } else if (layer.handle?.stack) {
      routes.push(
        ...mountedRoutes(layer.handle as unknown as Router, prefix + (layer.slash || raw === "/" ? "" : raw)),
      );
    }
  }
  return routes;
}
