import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { type RefObject, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { clientConfig } from "../api/clientConfig";
import { api } from "../api/http";
import { fromDisplay, type TileDatum, toDisplay } from "../map/coordinates";

/** A point as longitude and latitude. */
export interface LngLatPoint {
  lng: number;
  lat: number;
}

interface RegionDetail {
  region: { id: string; name: string; boundary: GeoJSON.Geometry | null };
}

/** Huai'an, where the seed's territory lies: the view until boundaries arrive. */
const FALLBACK_CENTER: L.LatLngExpression = [33.61, 119.02];

/**
 * A Leaflet map without tiles (no tile server is reachable here): a plain background, the
 * boundaries of the user's own regions, and a marker at the chosen point. A tap picks a point.
 */
export default function LocationPicker({
  scope,
  value,
  onPick,
}: {
  /** Regions whose boundaries are drawn (the user's own, or the event's grid). */
  scope: string[];
  value?: LngLatPoint;
  /** Called with a tapped point; without it the map only shows the point. */
  onPick?: (point: LngLatPoint) => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<L.Map | undefined>(undefined);
  const markerRef = useRef<L.CircleMarker | undefined>(undefined);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const [boundaryFailed, setBoundaryFailed] = useState(false);
  const datumRef = useRef<TileDatum>("wgs84");

  const scopeKey = scope.join(",");
  useEffect(() => {
    if (!container.current) return;
    const map = L.map(container.current, { zoomControl: true, attributionControl: false, zoomSnap: 0.25 }).setView(
      FALLBACK_CENTER,
      11,
    );
    mapRef.current = map;
    // Tiles only when a tile server is configured; without one the map is the plain background
    // with the user's grid drawn on it, which is all a report needs.
    void clientConfig().then(({ map: settings }) => {
      if (!settings.tileUrl || mapRef.current !== map) return;
      L.tileLayer(settings.tileUrl, {
        maxZoom: 19,
        ...(settings.subdomains ? { subdomains: settings.subdomains } : {}),
        ...(settings.attribution ? { attribution: settings.attribution } : {}),
      }).addTo(map);
      if (settings.attribution) L.control.attribution().addTo(map);
    });
    map.on("click", (event: L.LeafletMouseEvent) => {
      // Over GCJ-02 tiles the tap is where the street is drawn: shift it back to WGS-84.
      const [lng, lat] = fromDisplay(datumRef.current, event.latlng.lng, event.latlng.lat);
      onPickRef.current?.({ lng: round(lng), lat: round(lat) });
    });
    let cancelled = false;
    const ids = scopeKey ? scopeKey.split(",") : [];
    Promise.all([
      Promise.allSettled(ids.map((id) => api<RegionDetail>(`/api/regions/${encodeURIComponent(id)}`))),
      clientConfig(),
    ]).then(([results, config]) => {
      if (cancelled) return;
      datumRef.current = config.map.coordinateSystem ?? "wgs84";
      const layer = L.geoJSON(undefined, {
        style: { color: "#0f4c81", weight: 2, fillColor: "#0f4c81", fillOpacity: 0.06 },
        interactive: false,
        coordsToLatLng: (coords) => {
          const [lng, lat] = toDisplay(datumRef.current, coords[0] ?? 0, coords[1] ?? 0);
          return L.latLng(lat, lng);
        },
      });
      for (const result of results) {
        if (result.status === "fulfilled" && result.value.region.boundary) {
          layer.addData(result.value.region.boundary as GeoJSON.Geometry);
        }
      }
      const bounds = layer.getBounds();
      if (bounds.isValid()) {
        layer.addTo(map);
        // A picked point keeps its street view; a map that only shows a point shows its whole grid.
        if (!markerRef.current || !onPickRef.current) map.fitBounds(bounds, { padding: [12, 12], animate: false });
      } else {
        setBoundaryFailed(true);
      }
    });
    return () => {
      cancelled = true;
      map.remove();
      mapRef.current = undefined;
      markerRef.current = undefined;
    };
  }, [scopeKey]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!value) {
      markerRef.current?.remove();
      markerRef.current = undefined;
      return;
    }
    const [displayLng, displayLat] = toDisplay(datumRef.current, value.lng, value.lat);
    const latLng = L.latLng(displayLat, displayLng);
    if (markerRef.current) markerRef.current.setLatLng(latLng);
    else
      markerRef.current = L.circleMarker(latLng, {
        radius: 10,
        color: "#b42318",
        weight: 3,
        fillColor: "#f5a623",
        fillOpacity: 0.9,
      }).addTo(map);
    // Not animated: a zoom animation still running would undo the fit to the boundaries that arrive meanwhile.
    if (!map.getBounds().contains(latLng)) map.setView(latLng, Math.max(map.getZoom(), 15), { animate: false });
  }, [value]);

  return (
    <>
      {onPick ? (
        <div
          ref={container as RefObject<HTMLDivElement>}
          className="report-map"
          role="application"
          aria-label={t("report.mapLabel")}
        />
      ) : (
        <section ref={container} className="report-map" aria-label={t("event.mapLabel")} />
      )}
      {boundaryFailed && <p className="muted">{t("report.mapNoBoundary")}</p>}
    </>
  );
}

/** Six decimals: about 0.1 m, enough for a report. */
export function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
