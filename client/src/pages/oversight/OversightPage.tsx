import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/http";
import { SeverityBadge, StatusBadge } from "../../desk/Countdown";
import { formatDateTime } from "../../desk/clock";
import type { EventSummary } from "../../desk/eventTypes";
import type { RankingRow, UrgingRow } from "./oversightTypes";
import { UrgeButton } from "./UrgeButton";
import "./oversight.css";

type ListKind = "overdue" | "longRunning" | "urgings";
interface Drill {
  id: string;
  name: string;
}

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`);

/** 监督: the ranking of districts (then a district's townships), with lists to drill into and urge from. */
export function OversightPage() {
  const { t, i18n } = useTranslation();
  const [district, setDistrict] = useState<Drill | undefined>();
  const [focus, setFocus] = useState<Drill | undefined>();
  const [ranking, setRanking] = useState<RankingRow[] | undefined>();
  const [kind, setKind] = useState<ListKind>("overdue");
  const [events, setEvents] = useState<EventSummary[] | undefined>();
  const [urgings, setUrgings] = useState<UrgingRow[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const region = focus?.id ?? district?.id;
  const regionQuery = region ? `region=${region}` : "";

  const loadRanking = useCallback(() => {
    setRanking(undefined);
    const query = district ? `level=township&region=${district.id}` : "level=district";
    api<{ items: RankingRow[] }>(`/api/oversight/ranking?${query}`).then(
      (answer) => setRanking(answer.items),
      (failure: Error) => setError(failure.message),
    );
  }, [district]);
  useEffect(loadRanking, [loadRanking]);

  const loadList = useCallback(() => {
    setEvents(undefined);
    setUrgings(undefined);
    if (kind === "urgings") {
      api<{ items: UrgingRow[] }>(`/api/oversight/urgings?${regionQuery}`).then(
        (answer) => setUrgings(answer.items),
        (failure: Error) => setError(failure.message),
      );
      return;
    }
    const path =
      kind === "overdue"
        ? `/api/events?overdue=true&sort=deadline&limit=100&${regionQuery}`
        : `/api/oversight/long-running?days=30&${regionQuery}`;
    api<{ items: EventSummary[] }>(path).then(
      (answer) => setEvents(answer.items),
      (failure: Error) => setError(failure.message),
    );
  }, [kind, regionQuery]);
  useEffect(loadList, [loadList]);

  const refresh = () => {
    loadList();
    loadRanking();
  };
  const time = (iso: string | undefined) => (iso ? formatDateTime(iso, i18n.language) : "");

  return (
    <main id="main" className="page oversight">
      <h1>{t("oversight.heading")}</h1>
      <p className="lead">{t("oversight.lead")}</p>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
      <nav className="oversight__crumbs" aria-label={t("oversight.drillLabel")}>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setDistrict(undefined);
            setFocus(undefined);
          }}
        >
          {t("oversight.allDistricts")}
        </button>
        {district && <span> › {district.name}</span>}
        {focus && <span> › {focus.name}</span>}
      </nav>

      <section className="card">
        <h2>{district ? t("oversight.townshipRanking") : t("oversight.districtRanking")}</h2>
        {!ranking && <p aria-busy="true">{t("oversight.loading")}</p>}
        {ranking && (
          <div className="table-wrap">
            <table className="queue oversight__ranking">
              <thead>
                <tr>
                  <th>{t("oversight.rank")}</th>
                  <th>{t("oversight.region")}</th>
                  <th>{t("oversight.events")}</th>
                  <th>{t("oversight.onTimeRate")}</th>
                  <th>{t("oversight.reworkRate")}</th>
                  <th>{t("oversight.overdueNow")}</th>
                  <th>{t("oversight.urgings")}</th>
                  <th>{t("oversight.answerHours")}</th>
                </tr>
              </thead>
              <tbody>
                {ranking.map((row, index) => (
                  <tr key={row.region.id} className={row.overdueNow ? "queue__row--late" : undefined}>
                    <td>{row.events ? index + 1 : "—"}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          if (row.region.level === "district") setDistrict(row.region);
                          else setFocus(row.region);
                        }}
                      >
                        {row.region.name}
                      </button>
                    </td>
                    <td>{row.events}</td>
                    <td>
                      {percent(row.onTimeRate)}{" "}
                      <span className="muted">
                        ({row.onTime}/{row.handled})
                      </span>
                    </td>
                    <td>{percent(row.reworkRate)}</td>
                    <td>{row.overdueNow}</td>
                    <td>
                      {row.urgings}{" "}
                      <span className="muted">({t("oversight.answered", { count: row.answeredUrgings })})</span>
                    </td>
                    <td>
                      {row.medianAnswerHours === null ? "—" : t("oversight.hours", { count: row.medianAnswerHours })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted">{t("oversight.rankingNote")}</p>
      </section>

      <section className="card">
        <div className="oversight__tabs" role="tablist">
          {(["overdue", "longRunning", "urgings"] as const).map((candidate) => (
            <button
              key={candidate}
              type="button"
              role="tab"
              aria-selected={kind === candidate}
              className={kind === candidate ? "button-primary" : "button-secondary"}
              onClick={() => setKind(candidate)}
            >
              {t(`oversight.lists.${candidate}`)}
            </button>
          ))}
          <span className="oversight__exports">
            <a href={`/api/events/export.csv?${kind === "overdue" ? "overdue=true&" : ""}${regionQuery}`}>
              {t("oversight.exportCsv")}
            </a>
            <a href={`/api/events/export.geojson?${kind === "overdue" ? "overdue=true&" : ""}${regionQuery}`}>
              {t("oversight.exportGeoJson")}
            </a>
          </span>
        </div>
        {kind !== "urgings" && !events && <p aria-busy="true">{t("oversight.loading")}</p>}
        {events && events.length === 0 && <p>{t("oversight.emptyList")}</p>}
        {events && events.length > 0 && (
          <div className="table-wrap">
            <table className="queue">
              <thead>
                <tr>
                  <th>{t("oversight.event")}</th>
                  <th>{t("oversight.status")}</th>
                  <th>{t("oversight.reportedAt")}</th>
                  <th>{t("oversight.urgings")}</th>
                  <th>{t("oversight.urge.heading")}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <tr key={event.id}>
                    <td>
                      <Link to={`/events/${event.id}`}>{event.title ?? event.code}</Link>
                      <div className="muted">{event.code}</div>
                    </td>
                    <td>
                      <StatusBadge status={event.status} /> <SeverityBadge severity={event.severity} />
                    </td>
                    <td>{time(event.createdAt)}</td>
                    <td>{(event as EventSummary & { urgeCount?: number }).urgeCount ?? 0}</td>
                    <td>
                      <UrgeButton event={event} onUrged={refresh} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {kind === "urgings" && !urgings && <p aria-busy="true">{t("oversight.loading")}</p>}
        {urgings && urgings.length === 0 && <p>{t("oversight.emptyList")}</p>}
        {urgings && urgings.length > 0 && (
          <div className="table-wrap">
            <table className="queue">
              <thead>
                <tr>
                  <th>{t("oversight.event")}</th>
                  <th>{t("oversight.urgedAt")}</th>
                  <th>{t("oversight.urgedBy")}</th>
                  <th>{t("oversight.note")}</th>
                  <th>{t("oversight.answeredIn")}</th>
                </tr>
              </thead>
              <tbody>
                {urgings.map((urging) => (
                  <tr key={`${urging.event.id}-${urging.at}`}>
                    <td>
                      <Link to={`/events/${urging.event.id}`}>{urging.event.title}</Link>
                      <div className="muted">{urging.event.code}</div>
                    </td>
                    <td>{time(urging.at)}</td>
                    <td>{urging.automatic ? t("oversight.automatic") : urging.by}</td>
                    <td>{urging.note}</td>
                    <td>
                      {urging.answerHours === null
                        ? t("oversight.unanswered")
                        : t("oversight.hours", { count: urging.answerHours })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
