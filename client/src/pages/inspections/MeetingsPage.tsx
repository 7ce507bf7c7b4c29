import type { DistrictQuarters } from "@gridrisk/shared";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/http";
import { useAuth } from "../../auth/AuthContext";
import "../../inspections/inspections.css";
import { departmentLabels } from "../../inspections/departmentLabels";
import { MeetingForm } from "../../inspections/MeetingForm";

interface Meeting {
  id: string;
  regionId: string;
  date: string;
  status: "planned" | "held";
  departmentIds: string[];
  minutes: string;
  decisions: { text: string }[];
}
interface Named {
  id: string;
  name: string;
  nameEn?: string;
  regionId?: string;
}

const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

/** Joint meetings (联席会议): the quarterly rule per district, the records, and a form to add one. */
export function MeetingsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const english = i18n.language.startsWith("en");
  const [year, setYear] = useState(thisYear());
  const [quarters, setQuarters] = useState<(DistrictQuarters & { name: string })[] | undefined>();
  const [meetings, setMeetings] = useState<Meeting[]>([]);
  const [departments, setDepartments] = useState<Named[]>([]);
  const [districts, setDistricts] = useState<Named[]>([]);
  /** The planned meeting being recorded, if any (else a new record). */
  const [recording, setRecording] = useState<Meeting | undefined>();
  const mayRecord = me?.role === "district_officer" || me?.role === "admin";
  const ownRegion = me?.scope[0];

  const load = useCallback(() => {
    api<{ items: (DistrictQuarters & { name: string })[] }>(`/api/meetings/quarters?year=${year}`).then(
      ({ items }) => setQuarters(items),
      () => setQuarters([]),
    );
    api<{ items: Meeting[] }>("/api/meetings").then(
      ({ items }) => setMeetings(items),
      () => setMeetings([]),
    );
  }, [year]);
  useEffect(load, [load]);
  useEffect(() => {
    // The departments serving the officer's region: its own and the city's.
    api<{ items: Named[] }>(ownRegion ? `/api/departments?region=${ownRegion}` : "/api/departments").then(
      ({ items }) => setDepartments(items),
      () => undefined,
    );
    // The districts' English names (the quarters carry the Chinese name only).
    api<{ items: Named[] }>("/api/regions?level=district&limit=200").then(
      ({ items }) => setDistricts(items),
      () => undefined,
    );
  }, [ownRegion]);

  const departmentName = departmentLabels(departments, ownRegion, english, t);
  const districtName = (row: { regionId: string; name: string }) =>
    (english && districts.find((district) => district.id === row.regionId)?.nameEn) || row.name;

  return (
    <main id="main" className="page prevention-page">
      <h1>{t("prevention.meetings.heading")}</h1>
      <p className="lead">{t("prevention.meetings.lead")}</p>
      <label className="prevention-year">
        {t("prevention.meetings.year")}{" "}
        <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {[thisYear() - 1, thisYear(), thisYear() + 1].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      {!quarters && <p aria-busy="true">{t("prevention.loading")}</p>}
      {quarters && (
        <table className="inspection-table">
          <thead>
            <tr>
              <th>{t("prevention.meetings.district")}</th>
              {[1, 2, 3, 4].map((n) => (
                <th key={n}>{t("prevention.meetings.quarter", { n })}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {quarters.map((row) => (
              <tr key={row.regionId}>
                <td>{districtName(row)}</td>
                {row.quarters.map((quarter) => (
                  <td key={quarter.quarter} className={`verdict--${quarter.verdict}`}>
                    {t(`prevention.meetings.verdict.${quarter.verdict}`, { count: quarter.meetings })}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <section className="card">
        <h2>{t("prevention.meetings.list")}</h2>
        {meetings.length === 0 && <p>{t("prevention.meetings.empty")}</p>}
        <ul className="mine-list">
          {meetings.map((meeting) => (
            <li key={meeting.id} className="card mine-list__item">
              <div className="plan-card__title">
                <strong>{meeting.date}</strong>
                <span className="muted">
                  {meeting.status === "held" ? t("prevention.meetings.held") : t("prevention.meetings.planned")}
                </span>
              </div>
              {meeting.departmentIds.length > 0 && (
                <div className="muted">
                  {meeting.departmentIds
                    .map((id) => departmentName.get(id) ?? id)
                    .join(t("prevention.plans.listSeparator"))}
                </div>
              )}
              {meeting.status === "planned"
                ? mayRecord && (
                    <div>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          setRecording(meeting);
                          document.getElementById("meeting-form")?.scrollIntoView({ behavior: "smooth" });
                        }}
                      >
                        {t("prevention.meetings.fillIn")}
                      </button>
                    </div>
                  )
                : meeting.minutes && <div>{meeting.minutes}</div>}
              {meeting.decisions.length > 0 && (
                <ul>
                  {meeting.decisions.map((decision) => (
                    <li key={decision.text}>{decision.text}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </section>

      {mayRecord && ownRegion && (
        <section className="card" id="meeting-form">
          <h2>
            {recording ? `${t("prevention.meetings.fillIn")} · ${recording.date}` : t("prevention.meetings.record")}
          </h2>
          <MeetingForm
            regionId={ownRegion}
            departments={departments.map((department) => ({
              id: department.id,
              label: departmentName.get(department.id) ?? department.name,
            }))}
            recording={recording}
            onSaved={() => {
              setRecording(undefined);
              load();
            }}
            onCancel={() => setRecording(undefined)}
          />
        </section>
      )}
    </main>
  );
}
