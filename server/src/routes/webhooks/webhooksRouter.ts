import { randomBytes } from "node:crypto";
import { idParamsSchema, webhookCreateSchema, webhookUpdateSchema } from "@gridrisk/shared";
import { Router } from "express";
import { recordAudit } from "../../audit/recordAudit";
import { notFound } from "../../errors";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { type WebhookDoc, WebhookModel } from "../../models/webhook";
import { type WebhookDeliveryDoc, WebhookDeliveryModel } from "../../models/webhookDelivery";
import { authorize } from "../../policies/territoryPolicy";
import { presentWebhook, presentWebhookDelivery } from "../../presenters/webhookPresenter";
import { forgetActiveWebhooks } from "../../webhooks/activeWebhooks";

const DELIVERIES_LISTED = 100;

/** A webhook's fields for the audit log (not when it was last saved). */
const audited = ({ updatedAt: _updatedAt, ...fields }: ReturnType<typeof presentWebhook>) => fields;

/** GET/POST /api/webhooks, PATCH/DELETE /api/webhooks/:id, GET /api/webhooks/:id/deliveries (admin). */
export function webhooksRouter(): Router {
  const router = Router();
  const load = async (id: string) => {
    const doc = (await WebhookModel.findById(id).lean()) as WebhookDoc | null;
    if (!doc) throw notFound(`Webhook ${id}`);
    return doc;
  };

  router.get("/", async (_req, res) => {
    authorize(actorOf(res), "read", "webhook");
    const docs = (await WebhookModel.find({}).sort({ createdAt: 1 }).lean()) as WebhookDoc[];
    res.json({ items: docs.map(presentWebhook) });
  });

  router.post("/", async (req, res) => {
    const input = validate(webhookCreateSchema, req.body, "body");
    const actor = actorOf(res);
    authorize(actor, "create", "webhook");
    const secret = randomBytes(32).toString("hex");
    const created = await WebhookModel.create({ ...input, secret, createdBy: actor.id });
    forgetActiveWebhooks();
    const webhook = presentWebhook(created.toObject() as WebhookDoc);
    await recordAudit({
      actor,
      action: "create",
      entityType: "webhook",
      entityId: webhook.id,
      before: null,
      after: webhook,
    });
    res.status(201).json({ webhook, secret });
  });

  router.patch("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const input = validate(webhookUpdateSchema, req.body, "body");
    const actor = actorOf(res);
    authorize(actor, "update", "webhook");
    const before = audited(presentWebhook(await load(id)));
    await WebhookModel.updateOne({ _id: id }, { $set: input });
    forgetActiveWebhooks();
    const webhook = presentWebhook(await load(id));
    await recordAudit({
      actor,
      action: "update",
      entityType: "webhook",
      entityId: id,
      before,
      after: audited(webhook),
    });
    res.json({ webhook });
  });

  router.delete("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const actor = actorOf(res);
    authorize(actor, "delete", "webhook");
    const before = audited(presentWebhook(await load(id)));
    await WebhookModel.deleteOne({ _id: id });
    forgetActiveWebhooks();
    await recordAudit({ actor, action: "delete", entityType: "webhook", entityId: id, before, after: null });
    res.status(204).end();
  });

  router.get("/:id/deliveries", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    authorize(actorOf(res), "read", "webhook");
    await load(id);
    const docs = (await WebhookDeliveryModel.find({ webhookId: id })
      .sort({ createdAt: -1 })
      .limit(DELIVERIES_LISTED)
      .lean()) as WebhookDeliveryDoc[];
    res.json({ items: docs.map(presentWebhookDelivery) });
  });
  return router;
}
