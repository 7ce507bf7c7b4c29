import { type EventChange, PAGE_LIMITS } from "@gridrisk/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/http";
import { Countdown, SeverityBadge, StatusBadge } from "../../desk/Countdown";
import { beep, useNow } from "../../desk/clock";
import { type EventSummary, nearestDeadline, OPEN_STATUSES } from "../../desk/eventTypes";
import { useEventChanges, useResync } from "../../desk/liveEvents";
import { OnlinePresence } from "../../desk/OnlinePresence";
import { useGridNames } from "../../desk/regionNames";

const SOUND_KEY = "gridrisk.desk.sound";
const HIGHLIGHT_MS = 4000;

function byDeadline(a: EventSummary, b: EventSummary): number {
  const da = nearestDeadline(a);
  const db = nearestDeadline(b);
  if (da && db) return da.localeCompare(db);
  return da ? -1 : db ? 1 : 0;
}

/** The township duty desk: the queue of open events with live countdowns and live arrivals. */
export function DeskPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const now = useNow();
  const gridNames = useGridNames();
  const [events, setEvents] = useState<EventSummary[] | undefined>(undefined);
  const [counts, setCounts] = useState<{ byStatus: Record<string, number>; total: number } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(() => new Set());
  const [announcement, setAnnouncement] = useState("");
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === "on");
  const soundRef = useRef(sound);
  soundRef.current = sound;
  /** The newest version seen per event id: older live messages are ignored. */
  const versions = useRef(new Map<string, number>());

  const loadCounts = useCallback(() => {
    api<{ byStatus: Record<string, number>; total: number }>("/api/events/counts").then(setCounts, () => undefined);
  }, []);

  const load = useCallback(() => {
    setError(undefined);
    api<{ items: EventSummary[] }>(
      `/api/events?status=${OPEN_STATUSES.join(",")}&sort=deadline&limit=${PAGE_LIMITS.maxLimit}`,
    ).then(
      (answer) => {
        versions.current = new Map(answer.items.map((event) => [event.id, event.version]));
        setEvents(answer.items);
      },
      (failure: Error) => setError(failure.message),
    );
    loadCounts();
  }, [loadCounts]);

  useEffect(load, [load]);
  // Reports made while the socket was down arrive with the fresh list.
  useResync(load);

  const flash = useCallback((id: string) => {
    setHighlighted((current) => new Set(current).add(id));
    window.setTimeout(() => {
      setHighlighted((current) => {
        const next = new Set(current);
        next.delete(id);
        return next;
      });
    }, HIGHLIGHT_MS);
  }, []);

  useEventChanges((change: EventChange) => {
    const incoming = change.event as EventSummary;
    const known = versions.current.get(incoming.id);
    if (known !== undefined && known >= incoming.version) return;
    versions.current.set(incoming.id, incoming.version);
    setEvents((current) => {
      if (!current) return current;
      const existing = current.find((event) => event.id === incoming.id);
      // Live messages may carry fewer fields than the list: keep what the list knew.
      const merged: EventSummary = { ...existing, ...incoming };
      const rest = current.filter((event) => event.id !== incoming.id);
      if (!OPEN_STATUSES.includes(merged.status)) return rest;
      return [...rest, merged].sort(byDeadline);
    });
    flash(incoming.id);
    loadCounts();
    const isNew = known === undefined;
    setAnnouncement(t(isNew ? "desk.newEvent" : "desk.changedEvent", { code: incoming.code }));
    if (soundRef.current && isNew) beep();
  });

  const toggleSound = (on: boolean) => {
    setSound(on);
    localStorage.setItem(SOUND_KEY, on ? "on" : "off");
    if (on) beep();
  };

  return (
    <main id="main" className="page desk">
      <h1>{t("desk.heading")}</h1>
      <p className="lead">{t("desk.lead")}</p>
      <OnlinePresence />
      <div className="desk__bar">
        {counts && (
          <ul className="desk__counts" aria-label={t("desk.countsLabel")}>
            {OPEN_STATUSES.map((status) => (
              <li key={status}>
                <StatusBadge status={status} /> <strong>{counts.byStatus[status] ?? 0}</strong>
              </li>
            ))}
            <li>{t("desk.total", { count: counts.total })}</li>
          </ul>
        )}
        <label className="desk__sound">
          <input type="checkbox" checked={sound} onChange={(event) => toggleSound(event.target.checked)} />{" "}
          {t("desk.sound")}
        </label>
      </div>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {error && (
        <p className="form__error" role="alert">
          {t("desk.loadFailed", { message: error })}{" "}
          <button type="button" className="link-button" onClick={load}>
            {t("desk.retry")}
          </button>
        </p>
      )}
      {!events && !error && <p aria-busy="true">{t("desk.loading")}</p>}
      {events && events.length === 0 && <p>{t("desk.empty")}</p>}
      {events && events.length > 0 && (
        <div className="table-wrap">
          <table className="queue" aria-label={t("desk.queueLabel")}>
            <thead>
              <tr>
                <th scope="col">{t("desk.code")}</th>
                <th scope="col">{t("desk.title")}</th>
                <th scope="col">{t("desk.status")}</th>
                <th scope="col">{t("desk.severity")}</th>
                <th scope="col">{t("desk.place")}</th>
                <th scope="col">{t("desk.deadline")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => {
                const deadline = nearestDeadline(event);
                const late = deadline !== undefined && new Date(deadline).getTime() < now;
                const classes = [
                  "queue__row",
                  late ? "queue__row--late" : "",
                  highlighted.has(event.id) ? "queue__row--new" : "",
                ];
                return (
                  <tr
                    key={event.id}
                    className={classes.filter(Boolean).join(" ")}
                    onClick={() => navigate(`/events/${event.id}`)}
                  >
                    <td className="queue__code">
                      <Link to={`/events/${event.id}`}>{event.code}</Link>
                    </td>
                    <td>{event.title ?? ""}</td>
                    <td>
                      <StatusBadge status={event.status} />
                    </td>
                    <td>
                      <SeverityBadge severity={event.severity} />
                    </td>
                    <td className="queue__place">{gridNames.get(event.gridId) ?? ""}</td>
                    <td>
                      <Countdown deadline={deadline} now={now} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
