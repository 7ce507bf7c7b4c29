import type { MapEventsView } from "@gridrisk/shared";
import { useTranslation } from "react-i18next";
import { SeverityBadge, StatusBadge } from "../desk/Countdown";

/** A lateness as days and hours, or hours alone under a day. */
export function lateText(ms: number, t: (key: string, values: Record<string, number>) => string): string {
  const hours = Math.floor(ms / 3600_000);
  return hours >= 24
    ? t("map.lateDaysHours", { days: Math.floor(hours / 24), hours: hours % 24 })
    : t("map.lateHours", { hours: Math.max(1, hours) });
}

/** Overdue and escalated events, latest first by lateness; a click flies the map to one. */
export function LatePanel({
  late,
  onPick,
}: {
  late: MapEventsView["late"];
  onPick: (event: MapEventsView["late"][number]) => void;
}) {
  const { t } = useTranslation();
  if (late.length === 0) return <p className="muted">{t("map.nothingLate")}</p>;
  return (
    <ol className="late-list">
      {late.map((event) => (
        <li key={event.id}>
          <button type="button" className="late-list__item" onClick={() => onPick(event)}>
            <span className="late-list__head">
              <span className="late-list__code">{event.code}</span>
              {event.lateMs > 0 ? (
                <span className="late-list__late">{lateText(event.lateMs, t)}</span>
              ) : (
                <StatusBadge status={event.status} />
              )}
            </span>
            <span className="late-list__title">{event.title}</span>
            <span>
              <SeverityBadge severity={event.severity} /> {event.lateMs > 0 && <StatusBadge status={event.status} />}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
