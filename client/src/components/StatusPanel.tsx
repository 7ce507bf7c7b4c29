import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { fetchSystemStatus, type SystemStatus } from "../api/healthApi";
import { formatTime } from "../i18n";

const REFRESH_MS = 15_000;

/** Server and database health, refreshed every 15 s. */
export function StatusPanel() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<SystemStatus | undefined>();
  const refresh = useCallback(() => {
    void fetchSystemStatus().then(setStatus);
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const row = (label: string, value: "up" | "down" | undefined) => (
    <div className="status-row">
      <dt>{label}</dt>
      <dd className={value ? `status--${value}` : undefined}>{value ? t(`status.${value}`) : t("status.checking")}</dd>
    </div>
  );
  return (
    <section className="card" aria-labelledby="status-heading">
      <h2 id="status-heading">{t("status.heading")}</h2>
      <dl>
        {row(t("status.server"), status?.server)}
        {row(t("status.database"), status?.database)}
      </dl>
      {status && (
        <p className="muted">
          {status.version && `${t("status.version", { version: status.version })} · `}
          {t("status.checkedAt", { time: formatTime(status.checkedAt, i18n.language) })}
        </p>
      )}
      <button type="button" className="button-secondary" onClick={refresh}>
        {t("status.retry")}
      </button>
    </section>
  );
}
