import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/http";
import { formatDateTime } from "../../desk/clock";
import "./oversight.css";

/** One entry of GET /api/audit. */
interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string | null; name: string; role: string };
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: { field: string; before: unknown; after: unknown }[];
  note: string | null;
}

const ENTITY_TYPES = [
  "user",
  "department",
  "territory",
  "event_category",
  "violation_category",
  "deadline_policy",
  "calendar_year",
  "webhook",
  "inspection_plan",
];
const shown = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value));

/** 审计日志: who changed what and when, field by field; read-only, searchable (admin, supervisor). */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [entityType, setEntityType] = useState("");
  const [entityId, setEntityId] = useState("");
  const [from, setFrom] = useState("");
  const [entries, setEntries] = useState<AuditEntry[] | undefined>();
  const [next, setNext] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  const query = useCallback(
    (before?: string) => {
      const params = new URLSearchParams({ limit: "50" });
      if (entityType) params.set("entityType", entityType);
      if (entityId.trim()) params.set("entityId", entityId.trim());
      if (from) params.set("from", new Date(`${from}T00:00:00+08:00`).toISOString());
      if (before) params.set("before", before);
      return api<{ items: AuditEntry[]; nextBefore?: string }>(`/api/audit?${params}`);
    },
    [entityType, entityId, from],
  );
  const load = useCallback(() => {
    setError(undefined);
    setEntries(undefined);
    query().then(
      (answer) => {
        setEntries(answer.items);
        setNext(answer.nextBefore);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [query]);
  useEffect(load, [load]);

  const more = () => {
    if (!next) return;
    query(next).then(
      (answer) => {
        setEntries((current) => [...(current ?? []), ...answer.items]);
        setNext(answer.nextBefore);
      },
      (failure: Error) => setError(failure.message),
    );
  };

  return (
    <main id="main" className="page oversight">
      <h1>{t("oversight.audit.heading")}</h1>
      <p className="lead">{t("oversight.audit.lead")}</p>
      <div className="card oversight__filters">
        <label>
          {t("oversight.audit.entityType")}{" "}
          <select value={entityType} onChange={(changed) => setEntityType(changed.target.value)}>
            <option value="">{t("oversight.audit.all")}</option>
            {ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("oversight.audit.entityId")}{" "}
          <input value={entityId} onChange={(changed) => setEntityId(changed.target.value)} />
        </label>
        <label>
          {t("oversight.audit.from")}{" "}
          <input type="date" value={from} onChange={(changed) => setFrom(changed.target.value)} />
        </label>
      </div>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
      {!entries && !error && <p aria-busy="true">{t("oversight.loading")}</p>}
      {entries && entries.length === 0 && <p>{t("oversight.audit.empty")}</p>}
      {entries && entries.length > 0 && (
        <div className="table-wrap">
          <table className="queue">
            <thead>
              <tr>
                <th>{t("oversight.audit.at")}</th>
                <th>{t("oversight.audit.actor")}</th>
                <th>{t("oversight.audit.what")}</th>
                <th>{t("oversight.audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    {formatDateTime(entry.at, i18n.language)}
                    <div className="muted">{entry.requestId}</div>
                  </td>
                  <td>
                    {entry.actor.name}
                    <div className="muted">{t(`roles.${entry.actor.role}`, { defaultValue: entry.actor.role })}</div>
                  </td>
                  <td>
                    {entry.action} {entry.entityType}
                    <div className="muted">{entry.entityId}</div>
                  </td>
                  <td>
                    <ul className="oversight__changes">
                      {entry.changes.map((change) => (
                        <li key={change.field}>
                          <code>{change.field}</code>: {shown(change.before)} → {shown(change.after)}
                        </li>
                      ))}
                      {entry.note && <li>{entry.note}</li>}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="button-secondary" onClick={more}>
          {t("oversight.audit.more")}
        </button>
      )}
    </main>
  );
}
