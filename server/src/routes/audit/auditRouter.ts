import { auditQuerySchema } from "@gridrisk/shared";
import { Router } from "express";
import { Types } from "mongoose";
import { trusted } from "../../database/trustedFilter";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { type AuditEntryDoc, AuditEntryModel } from "../../models/auditEntry";
import { authorize } from "../../policies/territoryPolicy";
import { presentAuditEntry } from "../../presenters/auditPresenter";

/** GET /api/audit: read-only; there is no route that edits or deletes an entry. */
export function auditRouter(): Router {
  const router = Router();
  router.get("/", async (req, res) => {
    const query = validate(auditQuerySchema, req.query, "query");
    authorize(actorOf(res), "read", "audit");
    const and: Record<string, unknown>[] = [];
    if (query.actor) and.push({ actorId: new Types.ObjectId(query.actor) });
    if (query.entityType) and.push({ entityType: query.entityType });
    if (query.entityId) and.push({ entityId: query.entityId });
    if (query.from || query.to) {
      and.push({
        at: trusted({
          ...(query.from ? { $gte: new Date(query.from) } : {}),
          ...(query.to ? { $lt: new Date(query.to) } : {}),
        }),
      });
    }
    if (query.before) and.push({ _id: trusted({ $lt: new Types.ObjectId(query.before) }) });
    const docs = (await AuditEntryModel.find(and.length ? { $and: and } : {})
      .sort({ _id: -1 })
      .limit(query.limit + 1)
      .lean()) as AuditEntryDoc[];
    const items = docs.slice(0, query.limit);
    const last = items[items.length - 1];
    res.json({
      items: items.map(presentAuditEntry),
      ...(docs.length > query.limit && last ? { nextBefore: last._id.toHexString() } : {}),
    });
  });
  return router;
}
