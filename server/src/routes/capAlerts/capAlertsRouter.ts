import { idParamsSchema } from "@gridrisk/shared";
import { Router } from "express";
import { CAP_SEVERITIES, capAlert } from "../../cap/capAlert";
import { eventCategories } from "../../commands/catalogs";
import { loadVisibleEvent } from "../../commands/eventTransitioner";
import { unprocessable } from "../../errors";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { territory } from "../../territory/territoryCache";

/** GET /api/events/:id/cap.xml: a serious or very serious event as a CAP 1.2 alert. */
export function capAlertsRouter(): Router {
  const router = Router();
  router.get("/:id/cap.xml", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const actor = actorOf(res);
    const event = await loadVisibleEvent(actor, id);
    if (!CAP_SEVERITIES.includes(event.severity)) {
      throw unprocessable(
        `Only serious and very serious events are sent as CAP alerts; ${event.code} is ${event.severity}.`,
      );
    }
    const path = event.regionPath
      .map((regionId) => territory().get(String(regionId)))
      .filter((region) => region !== undefined);
    const city = path.find((region) => region.level === "city");
    const category = await eventCategories.find(event.category);
    const xml = capAlert(event, {
      sender: `gridrisk.${city?.code ?? "city"}`,
      senderName: `${city?.name ?? ""}网格化风险事件管理`,
      areaDesc: path.map((region) => region.name).join(" "),
      categoryName: category?.name ?? event.category,
      now: new Date(),
    });
    res.type("application/cap+xml; charset=utf-8").send(xml);
  });
  return router;
}
