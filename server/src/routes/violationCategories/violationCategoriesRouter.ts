import { violationCategorySchema } from "@gridrisk/shared";
import { Router } from "express";
import { z } from "zod";
import { listViolationCategories, saveViolationCategory } from "../../commands/violationCatalog";
import { validationFailed } from "../../errors";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { authorize } from "../../policies/territoryPolicy";

const codeParamsSchema = z.object({ code: violationCategorySchema.shape.code }).strict();

/** GET /api/violation-categories, PUT /api/violation-categories/:code (admin) */
export function violationCategoriesRouter(): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    authorize(actorOf(res), "read", "violation_category");
    res.json({ items: await listViolationCategories() });
  });
  router.put("/:code", async (req, res) => {
    const { code } = validate(codeParamsSchema, req.params, "params");
    const input = validate(violationCategorySchema, req.body, "body");
    authorize(actorOf(res), "update", "violation_category");
    if (input.code !== code)
      throw validationFailed([{ path: "body.code", message: `must equal the code in the path (${code})` }]);
    res.json({ category: await saveViolationCategory(input) });
  });
  return router;
}
