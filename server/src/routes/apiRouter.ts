import { Router } from "express";
import { routeNotFound } from "../errors";

/** Everything under /api. Resource routers are mounted here as they arrive. */
export function apiRouter(): Router {
  const router = Router();
  router.use((req) => {
    throw routeNotFound(req.method, req.baseUrl + req.path);
  });
  return router;
}
