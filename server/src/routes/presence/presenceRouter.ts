import { presenceQuerySchema } from "@gridrisk/shared";
import { Router } from "express";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { DepartmentModel } from "../../models/department";
import { authorizeDepartmentPresence, authorizeTownshipPresence } from "../../realtime/presencePolicy";
import { presentPresence } from "../../realtime/presencePresenter";
import { livePresenceEntries } from "../../realtime/presenceTracker";

/** GET /api/presence?township=<id> | ?department=<id>: who is online there, for the duty desk. */
export function presenceRouter(): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    const query = validate(presenceQuerySchema, req.query, "query");
    const actor = actorOf(res);
    if (query.township) {
      authorizeTownshipPresence(actor, query.township);
    } else if (query.department) {
      const department = await DepartmentModel.findOne({ _id: query.department }).lean();
      authorizeDepartmentPresence(actor, query.department, department?.regionPath.map(String));
    }
    const entries = (await livePresenceEntries()).filter((entry) =>
      query.township ? entry.townshipIds.includes(query.township) : entry.departmentId === query.department,
    );
    res.json({ items: presentPresence(entries) });
  });
  return router;
}
