import {
  type ClientConfig,
  DEFAULT_EVENT_CATEGORY_ENTRIES,
  EVENT_STATUSES,
  type EventChange,
  type MapEventRow,
  type MapEventsView,
  type MetricsView,
  SEVERITIES,
} from "@gridrisk/shared";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { clientConfig } from "../../api/clientConfig";
import { api } from "../../api/http";
import { useAuth } from "../../auth/AuthContext";
import { useEventChanges } from "../../desk/liveEvents";
import { EventDrawer } from "../../map/EventDrawer";
import { LatePanel } from "../../map/LatePanel";
import { LiveMap, type MapFocus, SEVERITY_COLOURS } from "../../map/LiveMap";
import { liveRowOf } from "../../map/liveRows";
import { type BoundariesAnswer, fetchBoundaries, fetchMapEvents, fetchMetrics } from "../../map/mapData";
import { eventsQueryOf, filtersFromSearch, type MapFilters, PERIODS, searchOfFilters } from "../../map/mapFilters";
import { StatsPanel } from "../../map/StatsPanel";

const FLASH_MS = 4000;

/** The city's (or a district's) command centre: the live map, the late list and the figures. */
export function MapPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const filters = useMemo(() => filtersFromSearch(location.search), [location.search]);
  const [settings, setSettings] = useState<ClientConfig["map"] | undefined>();
  const [boundaries, setBoundaries] = useState<BoundariesAnswer | undefined>();
  const [rows, setRows] = useState<Map<string, MapEventRow>>(new Map());
  const [view, setView] = useState<MapEventsView | undefined>();
  const [metrics, setMetrics] = useState<MetricsView | undefined>();
  const [regions, setRegions] = useState<{ id: string; name: string; nameEn?: string }[]>([]);
  const [selected, setSelected] = useState<{ id: string; version: number } | undefined>();
  const [focus, setFocus] = useState<MapFocus | undefined>();
  const [flashing, setFlashing] = useState<Map<string, number>>(new Map());
  const [tab, setTab] = useState<"late" | "stats">("late");
  const [error, setError] = useState<string | undefined>();
  const english = i18n.language === "en";
  const scope = me?.scope[0];

  const setFilters = (change: Partial<MapFilters>) =>
    navigate({ search: searchOfFilters({ ...filters, ...change }) }, { replace: true });

  useEffect(() => {
    void clientConfig().then((config) => setSettings(config.map));
    fetchBoundaries().then(setBoundaries, (failure: Error) => setError(failure.message));
  }, []);

  useEffect(() => {
    if (!scope) return;
    api<{ items: { id: string; name: string; nameEn?: string }[] }>(`/api/regions?parent=${scope}&limit=500`).then(
      (answer) => setRegions(answer.items),
      () => undefined,
    );
  }, [scope]);

  const load = useCallback(async () => {
    const query = eventsQueryOf(filters, Date.now()) + (filters.shade ? "&shade=true" : "");
    try {
      const answer = await fetchMapEvents(query);
      setView(answer);
      setRows(new Map(answer.rows.map((row) => [row[0], row])));
      setError(undefined);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, [filters]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), 60_000);
    return () => window.clearInterval(timer);
  }, [load]);

  useEffect(() => {
    fetchMetrics(filters.region, filters.days).then(setMetrics, () => undefined);
  }, [filters.region, filters.days]);

  // The late list and the shading follow live changes a little later, in one read.
  const refresh = useRef<number | undefined>(undefined);
  useEventChanges((change: EventChange) => {
    const now = Date.now();
    setRows((current) => {
      const next = new Map(current);
      const row = liveRowOf(change.event, filters, current.get(change.event.id)?.[7], now);
      if (row) next.set(row[0], row);
      else next.delete(change.event.id);
      return next;
    });
    setFlashing((current) =>
      new Map([...current].filter(([, until]) => until > now)).set(change.event.id, now + FLASH_MS),
    );
    setSelected((current) =>
      current?.id === change.event.id ? { ...current, version: change.event.version } : current,
    );
    window.clearTimeout(refresh.current);
    refresh.current = window.setTimeout(() => {
      void load();
      fetchMetrics(filters.region, filters.days).then(setMetrics, () => undefined);
    }, 3000);
  });

  const rowList = useMemo(() => [...rows.values()], [rows]);
  const stageLetters = useMemo(() => EVENT_STATUSES.map((status) => t(`map.stageLetters.${status}`)), [t]);
  const toggle = <T extends string>(list: readonly T[], value: T): T[] =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];

  return (
    <main id="main" className="map-page">
      <form className="map-filters" aria-label={t("map.filters")} onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t("map.stage")}</legend>
          {EVENT_STATUSES.map((status) => (
            <label key={status} className="chip">
              <input
                type="checkbox"
                checked={filters.status.includes(status)}
                onChange={() => setFilters({ status: toggle(filters.status, status) })}
              />
              {t(`statuses.${status}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("map.severity")}</legend>
          {SEVERITIES.map((severity, index) => (
            <label key={severity} className="chip">
              <input
                type="checkbox"
                checked={filters.severity.includes(severity)}
                onChange={() => setFilters({ severity: toggle(filters.severity, severity) })}
              />
              <span className="chip__dot" style={{ background: SEVERITY_COLOURS[index] }} />
              {t(`severities.${severity}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t("map.category")}{" "}
          <select
            value={filters.category[0] ?? ""}
            onChange={(event) => setFilters({ category: event.target.value ? [event.target.value] : [] })}
          >
            <option value="">{t("map.all")}</option>
            {DEFAULT_EVENT_CATEGORY_ENTRIES.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {(english && entry.nameEn) || entry.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("map.area")}{" "}
          <select
            value={filters.region ?? ""}
            onChange={(event) => {
              const { region: _region, ...rest } = filters;
              navigate(
                { search: searchOfFilters(event.target.value ? { ...rest, region: event.target.value } : rest) },
                { replace: true },
              );
            }}
          >
            <option value="">{t("map.all")}</option>
            {regions.map((region) => (
              <option key={region.id} value={region.id}>
                {(english && region.nameEn) || region.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("map.period")}{" "}
          <select value={filters.days} onChange={(event) => setFilters({ days: Number(event.target.value) })}>
            {PERIODS.map((days) => (
              <option key={days} value={days}>
                {t("map.lastDays", { count: days })}
              </option>
            ))}
          </select>
        </label>
        <label className="chip">
          <input type="checkbox" checked={filters.overdue} onChange={() => setFilters({ overdue: !filters.overdue })} />
          {t("map.overdueOnly")}
        </label>
        <label className="chip">
          <input type="checkbox" checked={filters.shade} onChange={() => setFilters({ shade: !filters.shade })} />
          {t("map.shade")}
        </label>
        <output className="map-filters__count" aria-live="polite">
          {t("map.shown", { count: rowList.length })}
        </output>
      </form>
      {error && (
        <p className="form__error map-page__error" role="alert">
          {t("map.loadFailed", { message: error })}
        </p>
      )}
      <div className="map-page__body">
        <div className="map-page__map">
          {settings && (
            <LiveMap
              rows={rowList}
              boundaries={boundaries}
              openByGrid={filters.shade ? view?.openByGrid : undefined}
              stageLetters={stageLetters}
              flashing={flashing}
              focus={focus}
              onSelect={(id) => setSelected({ id, version: 0 })}
              selectedId={selected?.id}
              label={t("map.label")}
              settings={settings}
            />
          )}
          {selected && (
            <EventDrawer id={selected.id} version={selected.version} onClose={() => setSelected(undefined)} />
          )}
        </div>
        <aside className="map-side">
          <div className="map-side__tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === "late"} onClick={() => setTab("late")}>
              {t("map.lateTab", { count: view?.late.length ?? 0 })}
            </button>
            <button type="button" role="tab" aria-selected={tab === "stats"} onClick={() => setTab("stats")}>
              {t("map.statsTab")}
            </button>
          </div>
          <div className="map-side__body" role="tabpanel">
            {tab === "late" ? (
              <LatePanel
                late={view?.late ?? []}
                onPick={(event) => {
                  setFocus({ lng: event.lng, lat: event.lat, at: Date.now() });
                  setSelected({ id: event.id, version: 0 });
                }}
              />
            ) : (
              <StatsPanel metrics={metrics} />
            )}
          </div>
        </aside>
      </div>
    </main>
  );
}
