import type { EventChange } from "@gridrisk/shared";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/http";
import { SeverityBadge, StatusBadge } from "../../desk/Countdown";
import { formatDateTime } from "../../desk/clock";
import type { EventSummary } from "../../desk/eventTypes";
import { useEventChanges } from "../../desk/liveEvents";

/** A grid worker's own reports, newest first, each with its current stage (updated live). */
export function MyReportsPage() {
  const { t, i18n } = useTranslation();
  const [events, setEvents] = useState<EventSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(() => {
    setError(undefined);
    api<{ items: EventSummary[] }>("/api/events?mine=true&limit=100").then(
      (answer) => setEvents(answer.items),
      (failure: Error) => setError(failure.message),
    );
  }, []);
  useEffect(load, [load]);

  // A change of one of my reports replaces it when newer; reports of others are not mine to list.
  useEventChanges(
    useCallback((change: EventChange) => {
      setEvents((current) =>
        current?.map((event) =>
          event.id === change.event.id && change.event.version > event.version ? { ...event, ...change.event } : event,
        ),
      );
    }, []),
  );

  return (
    <main id="main" className="page">
      <h1>{t("mine.heading")}</h1>
      <p className="lead">{t("mine.lead")}</p>
      {error && (
        <p className="form__error" role="alert">
          {t("mine.loadFailed")}{" "}
          <button type="button" className="link-button" onClick={load}>
            {t("mine.retry")}
          </button>
        </p>
      )}
      {!events && !error && <p aria-busy="true">{t("mine.loading")}</p>}
      {events && events.length === 0 && <p>{t("mine.empty")}</p>}
      {events && events.length > 0 && (
        <ul className="mine-list">
          {events.map((event) => (
            <li key={event.id} className="card mine-list__item">
              <Link to={`/events/${event.id}`} className="mine-list__title">
                {event.title ?? event.code}
              </Link>
              <div className="mine-list__meta">
                <span>{event.code}</span>
                <StatusBadge status={event.status} />
                <SeverityBadge severity={event.severity} />
              </div>
              <div className="muted">
                {t("mine.reportedAt", { time: event.createdAt ? formatDateTime(event.createdAt, i18n.language) : "" })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
