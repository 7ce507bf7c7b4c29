import { earlyWarningRuleInputSchema, earlyWarningRuleParamsSchema } from "@gridrisk/shared";
import { Router } from "express";
import { recordAudit } from "../../audit/recordAudit";
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
    const before = { code, ...(await earlyWarningSettings())[code] };
    await saveEarlyWarningRule(code, input, actor.id);
    const rule = { code, ...(await earlyWarningSettings())[code] };
    await recordAudit({
      actor,
      action: "update",
      entityType: "early_warning_rule",
      entityId: code,
      before,
      after: rule,
    });
    res.json({ rule });
  });
  return router;
}
