import { territoryCollectionSchema } from "@gridrisk/shared";
import { Router } from "express";
import { Types } from "mongoose";
import { z } from "zod";
import { recordAudits } from "../../audit/recordAudit";
import { territoryChanges } from "../../audit/territoryChanges";
import { exportTerritory } from "../../commands/territoryExporter";
import { importTerritory } from "../../commands/territoryImporter";
import { AppError } from "../../errors";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { authorize } from "../../policies/territoryPolicy";
import { territory } from "../../territory/territoryCache";

export const territoryImportQuerySchema = z
  .object({ dryRun: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).default("false") })
  .strict();
export const territoryExportQuerySchema = z.object({}).strict();

/** GET /api/territory/export, POST /api/territory/import?dryRun=true */
export function territoryRouter(): Router {
  const router = Router();

  // Everyone exports what they can see: their own territory's subtree (the admin: the city).
  router.get("/export", async (req, res) => {
    validate(territoryExportQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "territory");
    const roots = actor.scope.map((id) => new Types.ObjectId(id));
    const collections = await Promise.all(roots.map((root) => exportTerritory(root)));
    const features = collections.flatMap((collection) => collection.features);
    res.setHeader("Content-Disposition", 'attachment; filename="territory.geojson"');
    res.type("application/geo+json").send(JSON.stringify({ type: "FeatureCollection", features }));
  });

  router.post("/import", async (req, res) => {
    const { dryRun } = validate(territoryImportQuerySchema, req.query, "query");
    const body = validate(territoryCollectionSchema, req.body, "body");
    const actor = actorOf(res);
    authorize(actor, "create", "territory");
    const before = territory();
    const result = await importTerritory(body.features, { dryRun: dryRun === "true" });
    if (!result.report.ok) {
      // A file with errors is refused whole; the report says what and where.
      const { errors } = result.report;
      throw new AppError(
        422,
        "territory_invalid",
        `The territory file has ${errors.length} error(s); nothing was imported. First: ${errors[0]?.message ?? "?"}`,
        result,
      );
    }
    if (!result.dryRun && (result.created || result.updated)) {
      // The import's counts, then one entry per region created or changed, field by field.
      const regions = territoryChanges(before, territory()).map((change) => ({
        actor,
        action: change.action,
        entityType: "region",
        entityId: change.code,
        before: change.before,
        after: change.after,
      }));
      await recordAudits([
        {
          actor,
          action: "import",
          entityType: "territory",
          entityId: "territory",
          before: null,
          after: { created: result.created, updated: result.updated, unchanged: result.unchanged },
          note: `${body.features.length} features: ${result.created} regions created, ${result.updated} updated, ${result.unchanged} unchanged`,
        },
        ...regions,
      ]);
    }
    res.json(result);
  });
  return router;
}
