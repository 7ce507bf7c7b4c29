import "leaflet/dist/leaflet.css";
import "./liveMap.css";
import type { ClientConfig, MapEventRow } from "@gridrisk/shared";
import L from "leaflet";
import { useEffect, useRef } from "react";
import Supercluster, { type ClusterProperties } from "supercluster";
import { type TileDatum, toDisplay } from "./coordinates";
import { type BoundariesAnswer, rowFields } from "./mapData";
import { decodeRing } from "./mapFilters";

/** Colours of the four severities, mildest first (the order of SEVERITIES). */
export const SEVERITY_COLOURS = ["#2f80ed", "#e2b93b", "#f2994a", "#b42318"] as const;
const FALLBACK_CENTER: L.LatLngExpression = [33.55, 119.1];
const FLASH_MS = 4000;

/** Where to fly: an event's WGS-84 position; `at` makes each request a new one. */
export interface MapFocus {
  lng: number;
  lat: number;
  at: number;
}

type PointProps = { row: MapEventRow };

/** Shade of a grid with `count` open events (none: transparent). */
function shadeOf(count: number): string {
  if (count === 0) return "transparent";
  if (count < 2) return "#fde2c8";
  if (count < 4) return "#f9b27c";
  if (count < 8) return "#f07b3f";
  return "#c2410c";
}

/**
 * The live map: grid boundaries on a canvas renderer, events clustered by supercluster (a
 * cluster is a bubble with its count; one event a dot coloured by severity with its stage's
 * letter), a brief highlight on events that just changed. Tiles only when configured; GCJ-02
 * tiles get positions shifted for display.
 */
export function LiveMap(props: {
  rows: readonly MapEventRow[];
  boundaries: BoundariesAnswer | undefined;
  openByGrid: Record<string, number> | undefined;
  stageLetters: readonly string[];
  flashing: ReadonlyMap<string, number>;
  focus: MapFocus | undefined;
  onSelect: (id: string) => void;
  /** The event open in the drawer, drawn on top and ringed. */
  selectedId: string | undefined;
  label: string;
  /** The tile settings, known before the map is made (they decide the datum). */
  settings: ClientConfig["map"];
}) {
  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<L.Map | undefined>(undefined);
  const markersRef = useRef<L.LayerGroup | undefined>(undefined);
  const gridsRef = useRef<Map<string, L.Polygon>>(new Map());
  const indexRef = useRef<Supercluster<PointProps> | undefined>(undefined);
  const datumRef = useRef<TileDatum>("wgs84");
  const propsRef = useRef(props);
  propsRef.current = props;
  const fittedRef = useRef(false);

  const drawMarkers = useRef(() => {
    const map = mapRef.current;
    const index = indexRef.current;
    const layer = markersRef.current;
    if (!map || !index || !layer) return;
    const bounds = map.getBounds();
    const zoom = Math.round(map.getZoom());
    const clusters = index.getClusters(
      [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
      Math.min(zoom, 18),
    );
    const now = Date.now();
    const { stageLetters, flashing, onSelect, selectedId } = propsRef.current;
    layer.clearLayers();
    for (const feature of clusters) {
      const [lng, lat] = feature.geometry.coordinates as [number, number];
      const properties = feature.properties as ClusterProperties | PointProps;
      if ("cluster" in properties && properties.cluster) {
        const count = properties.point_count;
        const size = count < 50 ? 32 : count < 500 ? 40 : 48;
        const marker = L.marker([lat, lng], {
          icon: L.divIcon({
            className: "live-cluster",
            html: `<span>${properties.point_count_abbreviated}</span>`,
            iconSize: [size, size],
          }),
          keyboard: false,
        });
        marker.on("click", () =>
          map.flyTo([lat, lng], Math.min(index.getClusterExpansionZoom(properties.cluster_id), 18)),
        );
        layer.addLayer(marker);
        continue;
      }
      const event = rowFields((properties as PointProps).row);
      const flash = (flashing.get(event.id) ?? 0) > now;
      const selected = event.id === selectedId;
      // Events at one door share a position: the selected one is drawn on top of the others.
      const marker = L.marker([lat, lng], {
        zIndexOffset: selected ? 1000 : 0,
        icon: L.divIcon({
          className: `live-point${event.overdue ? " live-point--late" : ""}${flash ? " live-point--flash" : ""}${selected ? " live-point--selected" : ""}`,
          html: `<span data-event-id="${event.id}" style="background:${SEVERITY_COLOURS[event.severity] ?? "#555"}">${stageLetters[event.status] ?? ""}</span>`,
          iconSize: [24, 24],
        }),
        keyboard: false,
      });
      marker.on("click", () => onSelect(event.id));
      layer.addLayer(marker);
    }
  }).current;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const map = L.map(element, {
      preferCanvas: true,
      renderer: L.canvas({ padding: 0.3 }),
      zoomSnap: 0.5,
      attributionControl: false,
    }).setView(FALLBACK_CENTER, 10);
    mapRef.current = map;
    markersRef.current = L.layerGroup().addTo(map);
    // The end-to-end test measures where a point lands through the map itself.
    Object.assign(element, { leafletMap: map });
    const { settings } = propsRef.current;
    datumRef.current = settings.coordinateSystem ?? "wgs84";
    element.dataset.datum = datumRef.current;
    // Without a tile server the map is its plain background with the grids drawn on it.
    if (settings.tileUrl) {
      L.tileLayer(settings.tileUrl, {
        maxZoom: 18,
        ...(settings.subdomains ? { subdomains: settings.subdomains } : {}),
        ...(settings.attribution ? { attribution: settings.attribution } : {}),
      }).addTo(map);
      if (settings.attribution) L.control.attribution({ prefix: false }).addTo(map);
    }
    map.on("moveend", drawMarkers);
    return () => {
      map.remove();
      mapRef.current = undefined;
      gridsRef.current = new Map();
    };
  }, [drawMarkers]);

  // Grid boundaries: one canvas polygon per grid, not interactive (thousands of them).
  useEffect(() => {
    const map = mapRef.current;
    const answer = props.boundaries;
    if (!map || !answer) return;
    const layer = L.layerGroup();
    const grids = new Map<string, L.Polygon>();
    const datum = datumRef.current;
    for (const grid of answer.grids) {
      const rings = grid.rings.map((ring) =>
        decodeRing(ring, answer.scale).map(([lat, lng]) => {
          const [x, y] = toDisplay(datum, lng, lat);
          return [y, x] as [number, number];
        }),
      );
      const polygon = L.polygon(rings, {
        interactive: false,
        weight: 0.6,
        color: "#5b6b7f",
        opacity: 0.6,
        fillOpacity: 0.55,
        fillColor: shadeOf(propsRef.current.openByGrid?.[grid.id] ?? 0),
      });
      grids.set(grid.id, polygon);
      layer.addLayer(polygon);
    }
    layer.addTo(map);
    gridsRef.current = grids;
    if (!fittedRef.current && grids.size) {
      fittedRef.current = true;
      map.fitBounds(L.featureGroup([...grids.values()]).getBounds(), { animate: false });
    }
    container.current?.setAttribute("data-grids", String(grids.size));
    return () => {
      layer.remove();
    };
  }, [props.boundaries]);

  // Shading by open events, on demand.
  useEffect(() => {
    for (const [id, polygon] of gridsRef.current) {
      polygon.setStyle({ fillColor: shadeOf(props.openByGrid?.[id] ?? 0) });
    }
  }, [props.openByGrid]);

  function rebuildIndex(rows: readonly MapEventRow[]) {
    const datum = datumRef.current;
    const index = new Supercluster<PointProps>({ radius: 56, maxZoom: 16, minPoints: 3 });
    index.load(
      rows.map((row) => ({
        type: "Feature" as const,
        properties: { row },
        geometry: { type: "Point" as const, coordinates: toDisplay(datum, row[1], row[2]) },
      })),
    );
    indexRef.current = index;
    container.current?.setAttribute("data-events", String(rows.length));
    drawMarkers();
  }
  const rebuild = useRef(rebuildIndex);
  rebuild.current = rebuildIndex;

  const { rows } = props;
  useEffect(() => {
    if (mapRef.current) rebuild.current(rows);
  }, [rows]);

  const { selectedId } = props;
  useEffect(() => {
    // Redraw when the selection changes (drawMarkers reads it from the latest props).
    void selectedId;
    drawMarkers();
  }, [selectedId, drawMarkers]);

  useEffect(() => {
    drawMarkers();
    if (props.flashing.size === 0) return;
    const timer = setTimeout(drawMarkers, FLASH_MS + 100);
    return () => clearTimeout(timer);
  }, [props.flashing, drawMarkers]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !props.focus) return;
    const [lng, lat] = toDisplay(datumRef.current, props.focus.lng, props.focus.lat);
    map.flyTo([lat, lng], 17, { duration: 0.8 });
  }, [props.focus]);

  return <section ref={container} className="live-map" aria-label={props.label} />;
}
