import type { Resource } from "@gridrisk/shared";
import { Router } from "express";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import type { Catalog } from "../../commands/catalogs";
import { validationFailed } from "../../errors";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { authorize } from "../../policies/territoryPolicy";

/** GET / (everyone) and PUT /:code (admin) for a catalogue whose entries `schema` validates. */
export function catalogRouter<T extends { code: string; active: boolean }>(
  catalog: Catalog<T>,
  schema: z.ZodType<T> & { shape: { code: z.ZodType<string> } },
  resource: Resource,
): Router {
  const router = Router();
  const codeParamsSchema = z.object({ code: schema.shape.code }).strict();
  router.get("/", async (_req, res) => {
    authorize(actorOf(res), "read", resource);
    res.json({ items: await catalog.list() });
  });
  router.put("/:code", async (req, res) => {
    const { code } = validate(codeParamsSchema, req.params, "params");
    const input = validate(schema, req.body, "body") as T;
    const actor = actorOf(res);
    authorize(actor, "update", resource);
    if (input.code !== code)
      throw validationFailed([{ path: "body.code", message: `must equal the code in the path (${code})` }]);
    const before = (await catalog.find(code)) ?? null;
    const entry = await catalog.save(input);
    await recordAudit({
      actor,
      action: before ? "update" : "create",
      entityType: resource,
      entityId: code,
      before,
      after: entry,
    });
    res.json({ entry });
  });
  return router;
}
