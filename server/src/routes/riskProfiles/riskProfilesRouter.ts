import { idParamsSchema } from "@gridrisk/shared";
import { Router } from "express";
import { loadInstitution } from "../../commands/institutionRecords";
import { riskProfileOf } from "../../inspections/riskProfile";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";

/** GET /api/institutions/:id/risk-profile: events, inspections, findings and the explained risk score. */
export function riskProfilesRouter(): Router {
  const router = Router();
  router.get("/:id/risk-profile", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const actor = actorOf(res);
    const institution = await loadInstitution(actor, id);
    res.json({ profile: await riskProfileOf(actor, institution) });
  });
  return router;
}
