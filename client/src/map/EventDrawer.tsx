import { DEFAULT_EVENT_CATEGORY_ENTRIES } from "@gridrisk/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api/http";
import { Countdown, SeverityBadge, StatusBadge } from "../desk/Countdown";
import { formatDateTime, useNow } from "../desk/clock";
import { EventTimeline } from "../desk/EventTimeline";
import type { EventDetail } from "../desk/eventTypes";

const STAGES = ["assessment", "handling", "followUp"] as const;

/** The drawer over the map: one event's details and timeline, read afresh whenever `version` changes. */
export function EventDrawer({ id, version, onClose }: { id: string; version: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const [event, setEvent] = useState<EventDetail | undefined>();
  const [failed, setFailed] = useState<string | undefined>();

  useEffect(() => {
    let current = true;
    // `version` is read so that a live change of this event loads it again.
    void version;
    api<{ event: EventDetail }>(`/api/events/${id}`).then(
      (answer) => {
        if (!current) return;
        setEvent(answer.event);
        setFailed(undefined);
      },
      (error: Error) => {
        if (current) setFailed(error.message);
      },
    );
    return () => {
      current = false;
    };
  }, [id, version]);

  const english = i18n.language === "en";
  const category = DEFAULT_EVENT_CATEGORY_ENTRIES.find((entry) => entry.code === event?.category);
  return (
    <aside className="map-drawer" aria-label={t("map.drawer")} aria-busy={!event}>
      <button type="button" className="map-drawer__close" onClick={onClose} aria-label={t("map.close")}>
        ×
      </button>
      {failed && !event && <p className="form__error">{t("event.loadFailed", { message: failed })}</p>}
      {event && (
        <>
          <p className="map-drawer__code">{event.code}</p>
          <h2>{event.title}</h2>
          <p>
            <StatusBadge status={event.status} /> <SeverityBadge severity={event.severity} />{" "}
            <span className="muted">{category ? (english && category.nameEn) || category.name : event.category}</span>
          </p>
          <p className="prewrap">{event.description}</p>
          {STAGES.filter((stage) => event.deadlines[stage]).map((stage) => (
            <p key={stage}>
              {t(`event.deadline_${stage}`)}: {formatDateTime(event.deadlines[stage] as string, i18n.language)}{" "}
              <Countdown deadline={event.deadlines[stage]} now={now} />
            </p>
          ))}
          <p>
            <Link to={`/events/${event.id}`}>{t("map.openEvent")}</Link>
          </p>
          <h3>{t("event.timeline")}</h3>
          <EventTimeline entries={event.timeline} />
        </>
      )}
    </aside>
  );
}
