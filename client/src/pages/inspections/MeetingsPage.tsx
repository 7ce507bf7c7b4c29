import type { DistrictQuarters } from "@gridrisk/shared";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/http";
import { useAuth } from "../../auth/AuthContext";
import "../../inspections/inspections.css";
import { FormMessage } from "../../inspections/FormMessage";

interface Meeting {
  id: string;
  regionId: string;
  date: string;
  status: "planned" | "held";
  departmentIds: string[];
  minutes: string;
  decisions: { text: string }[];
}
interface Department {
  id: string;
  name: string;
  nameEn?: string;
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
  const [departments, setDepartments] = useState<Department[]>([]);
  const [date, setDate] = useState(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  const [chosen, setChosen] = useState<string[]>([]);
  const [minutes, setMinutes] = useState("");
  const [decisions, setDecisions] = useState("");
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | undefined>();
  /** The planned meeting being recorded, if any (else a new record). */
  const [recording, setRecording] = useState<Meeting | undefined>();
  const mayRecord = me?.role === "district_officer" || me?.role === "admin";

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
    api<{ items: Department[] }>("/api/departments").then(
      ({ items }) => setDepartments(items),
      () => undefined,
    );
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const region = me?.scope[0];
    if (!region) return;
    const record = {
      date,
      departmentIds: chosen,
      minutes,
      decisions: decisions
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .map((text) => ({ text })),
    };
    try {
      if (recording) await api(`/api/meetings/${recording.id}`, { method: "PUT", json: record });
      else await api("/api/meetings", { method: "POST", json: { regionId: region, ...record } });
      setMessage({ kind: "ok", text: t("prevention.saved") });
      setMinutes("");
      setDecisions("");
      setRecording(undefined);
      load();
    } catch (error) {
      setMessage({ kind: "error", text: t("prevention.failed", { message: (error as Error).message }) });
    }
  };

  return (
    <main id="main" className="page">
      <h1>{t("prevention.meetings.heading")}</h1>
      <p className="lead">{t("prevention.meetings.lead")}</p>
      <label>
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
                <td>{row.name}</td>
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
              <strong>{meeting.date}</strong>
              {meeting.status === "planned" ? (
                <div className="muted">
                  {t("prevention.meetings.planned")}{" "}
                  {mayRecord && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setRecording(meeting);
                        setDate(meeting.date);
                        setChosen(meeting.departmentIds);
                      }}
                    >
                      {t("prevention.meetings.fillIn")}
                    </button>
                  )}
                </div>
              ) : (
                <div>{meeting.minutes}</div>
              )}
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

      {mayRecord && (
        <section className="card">
          <h2>
            {recording ? `${t("prevention.meetings.fillIn")} · ${recording.date}` : t("prevention.meetings.record")}
          </h2>
          <form className="form" onSubmit={submit}>
            <label>
              {t("prevention.meetings.date")}
              <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
            </label>
            <fieldset className="inspection-periods">
              <legend>{t("prevention.meetings.departments")}</legend>
              {departments.map((department) => (
                <label key={department.id}>
                  <input
                    type="checkbox"
                    checked={chosen.includes(department.id)}
                    onChange={(e) =>
                      setChosen((current) =>
                        e.target.checked ? [...current, department.id] : current.filter((id) => id !== department.id),
                      )
                    }
                  />
                  {english && department.nameEn ? department.nameEn : department.name}
                </label>
              ))}
            </fieldset>
            <label>
              {t("prevention.meetings.minutes")}
              <textarea value={minutes} onChange={(e) => setMinutes(e.target.value)} rows={4} required />
            </label>
            <label>
              {t("prevention.meetings.decisions")}
              <textarea value={decisions} onChange={(e) => setDecisions(e.target.value)} rows={3} />
            </label>
            <FormMessage message={message} />
            <button type="submit" className="button-primary">
              {t("prevention.meetings.save")}
            </button>
          </form>
        </section>
      )}
    </main>
  );
}
