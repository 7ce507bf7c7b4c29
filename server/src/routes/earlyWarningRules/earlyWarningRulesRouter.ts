import { earlyWarningRuleInputSchema, earlyWarningRuleParamsSchema } from "@gridrisk/shared";
import { Router } from "express";
import { earlyWarningSettings, saveEarlyWarningRule } from "../../inspections/earlyWarningRules";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { authorize } from "../../policies/territoryPolicy";

/** /api/early-warning-rules: the settings of the rules that raise events by themselves. */
export function earlyWarningRulesRouter(): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    authorize(actorOf(res), "read", "early_warning_rule");
    const settings = await earlyWarningSettings();
    res.json({ items: Object.entries(settings).map(([code, rule]) => ({ code, ...rule })) });
  });
  router.put("/:code", async (req, res) => {
    const { code } = validate(earlyWarningRuleParamsSchema, req.params, "params");
    const input = validate(earlyWarningRuleInputSchema, req.body, "body");
    const actor = actorOf(res);
    authorize(actor, "update", "early_warning_rule");
    await saveEarlyWarningRule(code, input, actor.id);
    res.json({ rule: { code, ...(await earlyWarningSettings())[code] } });
  });
  return router;
}
