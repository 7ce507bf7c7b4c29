import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatTime } from "../i18n";
import { flushQueue, listQueued, putQueued, type QueuedReport, removeQueued, subscribeQueue } from "./reportQueue";

/**
 * The reports kept on this phone, each with its state; sends them on page load and whenever the
 * network comes back, each with its own stored idempotency key.
 */
export function QueuedReports() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<QueuedReport[]>([]);

  const reload = useCallback(() => {
    listQueued().then(setItems, () => setItems([]));
  }, []);

  useEffect(() => {
    reload();
    const unsubscribe = subscribeQueue(reload);
    const flush = () => void flushQueue().catch(() => undefined);
    flush();
    window.addEventListener("online", flush);
    return () => {
      unsubscribe();
      window.removeEventListener("online", flush);
    };
  }, [reload]);

  if (items.length === 0) return null;

  return (
    <section className="card report-queue" aria-labelledby="report-queue-heading">
      <h2 id="report-queue-heading">{t("report.queue.heading")}</h2>
      <ul aria-live="polite">
        {items.map((item) => (
          <li key={item.key} className={`report-queue__item report-queue__item--${item.state}`}>
            <strong>{item.body.title}</strong>
            <span className="muted">
              {t("report.queue.createdAt", { time: formatTime(new Date(item.createdAt), i18n.language) })}
            </span>
            <span className="report-queue__state">
              {item.state === "sent"
                ? t("report.queue.sentWith", { code: item.code ?? "" })
                : item.state === "failed"
                  ? t("report.queue.failedWith", { message: item.error ?? "" })
                  : t(`report.queue.${item.state}`)}
            </span>
            {item.photos.length > 0 && item.state !== "sent" && (
              <span className="muted">{t("report.queue.photos", { count: item.photos.length })}</span>
            )}
            <span className="report-queue__actions">
              {(item.state === "waiting" || item.state === "failed") && (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={async () => {
                    if (item.state === "failed") await putQueued({ ...item, state: "waiting", error: undefined });
                    await flushQueue();
                  }}
                >
                  {t("report.queue.sendNow")}
                </button>
              )}
              {(item.state === "sent" || item.state === "failed") && (
                <button type="button" className="button-secondary" onClick={() => void removeQueued(item.key)}>
                  {t("report.queue.remove")}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
