import { useTranslation } from "react-i18next";
import { StatusBadge } from "./Countdown";
import { formatDateTime } from "./clock";
import type { TimelineEntry } from "./eventTypes";

/** An event's timeline, oldest first: when, who, what, and where it led. */
export function EventTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="timeline">
      {entries.map((entry) => (
        <li key={entry.seq}>
          <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time> <strong>{entry.actorName}</strong>{" "}
          <span className="muted">({t(`roles.${entry.actorRole}`, { defaultValue: entry.actorRole })})</span> ·{" "}
          {t(`actions.${entry.action}`, { defaultValue: entry.action })}
          {entry.fromStatus !== entry.toStatus && (
            <>
              {" "}
              → <StatusBadge status={entry.toStatus} />
            </>
          )}
          {entry.note && <div className="timeline__note prewrap">{entry.note}</div>}
        </li>
      ))}
    </ol>
  );
}
