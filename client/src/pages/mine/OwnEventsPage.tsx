import type { EventChange } from "@gridrisk/shared";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/http";
import { Countdown, SeverityBadge, StatusBadge } from "../../desk/Countdown";
import { formatDateTime, useNow } from "../../desk/clock";
import type { EventSummary } from "../../desk/eventTypes";
import { useEventChanges, useResync } from "../../desk/liveEvents";

/** The two personal lists of a grid worker: what they reported, and the visits they owe. */
const LISTS = {
  reports: { query: "mine=true&limit=100", i18n: "mine" },
  visits: { query: "followUpMine=true&status=follow_up&sort=deadline&limit=100", i18n: "visits" },
} as const;

/** One of the grid worker's own lists, newest (or most urgent) first, updated live. */
export function OwnEventsPage({ list }: { list: keyof typeof LISTS }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const { query, i18n: keys } = LISTS[list];
  const [events, setEvents] = useState<EventSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(() => {
    setError(undefined);
    api<{ items: EventSummary[] }>(`/api/events?${query}`).then(
      (answer) => setEvents(answer.items),
      (failure: Error) => setError(failure.message),
    );
  }, [query]);
  useEffect(load, [load]);
  useResync(load);

  // A change of an event in the list replaces it when newer; others are not this list's.
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
      <h1>{t(`${keys}.heading`)}</h1>
      <p className="lead">{t(`${keys}.lead`)}</p>
      {error && (
        <p className="form__error" role="alert">
          {t("mine.loadFailed")}{" "}
          <button type="button" className="link-button" onClick={load}>
            {t("mine.retry")}
          </button>
        </p>
      )}
      {!events && !error && <p aria-busy="true">{t("mine.loading")}</p>}
      {events && events.length === 0 && <p>{t(`${keys}.empty`)}</p>}
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
              {list === "visits" ? (
                <Countdown deadline={event.deadlines.followUp} now={now} />
              ) : (
                <div className="muted">
                  {t("mine.reportedAt", {
                    time: event.createdAt ? formatDateTime(event.createdAt, i18n.language) : "",
                  })}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
