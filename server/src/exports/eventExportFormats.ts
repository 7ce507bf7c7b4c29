import { csvLine, UTF8_BOM } from "./csvCells";
import { EVENT_EXPORT_COLUMNS, type EventExportRecord } from "./eventExportRecord";

/** How one export format writes its head, each record and its tail. */
export interface ExportFormat {
  contentType: string;
  extension: string;
  head: string;
  record: (record: EventExportRecord, index: number) => string;
  tail: string;
}

/** CSV in UTF-8 with a BOM and zh-CN headings. */
export const csvFormat: ExportFormat = {
  contentType: "text/csv; charset=utf-8",
  extension: "csv",
  head: UTF8_BOM + csvLine(EVENT_EXPORT_COLUMNS.map((column) => column.heading)),
  record: (record) => csvLine(EVENT_EXPORT_COLUMNS.map((column) => record[column.key])),
  tail: "",
};

/** A GeoJSON FeatureCollection (RFC 7946): WGS-84 points as [lng, lat], the record as properties. */
export const geoJsonFormat: ExportFormat = {
  contentType: "application/geo+json; charset=utf-8",
  extension: "geojson",
  head: '{"type":"FeatureCollection","features":[\n',
  record: ({ lng, lat, ...properties }, index) =>
    `${index === 0 ? "" : ",\n"}${JSON.stringify({
      type: "Feature",
      id: properties.code,
      geometry: { type: "Point", coordinates: [lng, lat] },
      properties,
    })}`,
  tail: "\n]}\n",
};
