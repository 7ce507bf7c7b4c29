import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api/http";
import { SeverityBadge, StatusBadge } from "./Countdown";
import type { EventSummary } from "./eventTypes";

/** Possible duplicates of an event (same institution, or within 100 m and 24 h), for a merge. */
export function MergeCandidates({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<EventSummary[]>([]);
  useEffect(() => {
    api<{ items: EventSummary[] }>(`/api/events/${eventId}/merge-candidates`).then(
      (answer) => setItems(answer.items),
      () => setItems([]),
    );
  }, [eventId]);
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="merge-candidates-heading">
      <h2 id="merge-candidates-heading">{t("event.mergeCandidates")}</h2>
      <p className="muted">{t("event.mergeCandidatesHint")}</p>
      <ul className="merge-candidates">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/events/${item.id}`}>{item.code}</Link> {item.title ?? ""} <StatusBadge status={item.status} />{" "}
            <SeverityBadge severity={item.severity} />
          </li>
        ))}
      </ul>
    </section>
  );
}
