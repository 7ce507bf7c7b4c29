import { eventExportQuerySchema } from "@gridrisk/shared";
import { Router } from "express";
import { visibleEventsFilter } from "../../events/eventVisibility";
import { csvFormat, type ExportFormat, geoJsonFormat } from "../../exports/eventExportFormats";
import { type ExportCursor, streamExport } from "../../exports/streamExport";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { EventModel } from "../../models/event";
import { eventListFilter } from "../events/eventListFilter";

// No sort: FerretDB sorts a whole result in memory before the first batch (100,000 events took
// over a minute on SQLite), while an unsorted cursor streams at once, in storage order (oldest first).
// Documents fetched from the database per round trip: a few MB at most.
const EXPORT_BATCH_SIZE = 500;

/** GET /api/events/export.csv and /api/events/export.geojson: the filtered list, streamed. */
export function eventExportsRouter(): Router {
  const router = Router();
  const exportAs = (format: ExportFormat) =>
    router.get(`/export.${format.extension}`, async (req, res) => {
      const query = validate(eventExportQuerySchema, req.query, "query");
      const actor = actorOf(res);
      const filter = eventListFilter({ ...query, sort: "-createdAt", limit: 1 }, visibleEventsFilter(actor), actor.id);
      const cursor = EventModel.find(filter)
        .select({ timeline: 0, tasks: 0, violations: 0 })
        .lean()
        .cursor({ batchSize: EXPORT_BATCH_SIZE }) as unknown as ExportCursor;
      const stamp = new Date().toISOString().slice(0, 10);
      await streamExport(res, cursor, format, `events-${stamp}`);
    });
  exportAs(csvFormat);
  exportAs(geoJsonFormat);
  return router;
}
