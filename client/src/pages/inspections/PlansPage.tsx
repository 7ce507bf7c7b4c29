import { type CalendarPeriod, rruleProblem } from "@gridrisk/shared";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/http";
import { useAuth } from "../../auth/AuthContext";
import "../../inspections/inspections.css";

interface Plan {
  id: string;
  name: string;
  recurrence: { startDate: string; rrule?: string; rdates: string[]; periods: { name: string; days: string }[] };
  window: { start: string; end: string };
  checklist: string[];
}
interface Target {
  institutionId: string;
  name: string;
  risk: { score: number };
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** One plan: its next occurrences and, on demand, the institutions it visits, riskiest first. */
function PlanCard({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const [dates, setDates] = useState<string[] | undefined>();
  const [targets, setTargets] = useState<Target[] | undefined>();
  useEffect(() => {
    api<{ items: { date: string }[] }>(
      `/api/inspection-plans/${plan.id}/occurrences?from=${today()}&to=${plusDays(today(), 30)}`,
    ).then(
      ({ items }) => setDates(items.map((item) => item.date)),
      () => setDates([]),
    );
  }, [plan.id]);
  return (
    <li className="card mine-list__item">
      <strong>{plan.name}</strong>
      <div className="muted">
        {plan.recurrence.rrule ?? ""} {plan.recurrence.periods.map((period) => period.name).join("、")} ·{" "}
        {plan.window.start}–{plan.window.end}
      </div>
      <div>
        {dates === undefined
          ? t("prevention.loading")
          : dates.length
            ? t("prevention.plans.next", { dates: dates.slice(0, 6).join("、") })
            : t("prevention.plans.none")}
      </div>
      {targets ? (
        <ol>
          {targets.map((target) => (
            <li key={target.institutionId}>
              <Link to={`/institutions/${target.institutionId}`}>{target.name}</Link> ·{" "}
              {t("prevention.tasks.risk", { score: target.risk.score })}
            </li>
          ))}
        </ol>
      ) : (
        <button
          type="button"
          className="link-button"
          onClick={() =>
            api<{ items: Target[] }>(`/api/inspection-plans/${plan.id}/targets`).then(({ items }) => setTargets(items))
          }
        >
          {t("prevention.plans.targets")}
        </button>
      )}
    </li>
  );
}

/** Inspection plans of the officer's territory, the holiday calendar, and a form for a new plan. */
export function PlansPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const english = i18n.language.startsWith("en");
  const [plans, setPlans] = useState<Plan[] | undefined>();
  const [periods, setPeriods] = useState<(CalendarPeriod & { year: number })[]>([]);
  const [name, setName] = useState("");
  const [rrule, setRrule] = useState("FREQ=MONTHLY;BYMONTHDAY=10");
  const [startDate, setStartDate] = useState(today());
  const [rdates, setRdates] = useState("");
  const [exdates, setExdates] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [windowStart, setWindowStart] = useState("09:00");
  const [windowEnd, setWindowEnd] = useState("17:00");
  const [checklist, setChecklist] = useState("");
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | undefined>();

  const load = useCallback(() => {
    api<{ items: Plan[] }>("/api/inspection-plans").then(
      ({ items }) => setPlans(items),
      () => setPlans([]),
    );
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    const year = Number(today().slice(0, 4));
    Promise.all(
      [year, year + 1].map((y) =>
        api<{ calendar: { periods: CalendarPeriod[] } }>(`/api/calendar/${y}`).then(
          ({ calendar }) => calendar.periods.map((period) => ({ ...period, year: y })),
          () => [],
        ),
      ),
    ).then((all) => setPeriods(all.flat()));
  }, []);

  const rruleError = rrule.trim() ? rruleProblem(rrule.trim()) : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const region = me?.scope[0];
    if (!region) return;
    setMessage(undefined);
    try {
      await api("/api/inspection-plans", {
        method: "POST",
        json: {
          name,
          regionId: region,
          scope: { regionIds: [region] },
          recurrence: {
            startDate,
            ...(rrule.trim() ? { rrule: rrule.trim() } : {}),
            rdates: lines(rdates),
            exdates: lines(exdates),
            periods: chosen.map((periodName) => ({ name: periodName, days: "first" })),
          },
          window: { start: windowStart, end: windowEnd },
          assignee: { kind: "grid_worker" },
          checklist: lines(checklist),
        },
      });
      setMessage({ kind: "ok", text: t("prevention.saved") });
      setName("");
      load();
    } catch (error) {
      setMessage({ kind: "error", text: t("prevention.failed", { message: (error as Error).message }) });
    }
  };
  const periodNames = [...new Set(periods.map((period) => period.name))];

  return (
    <main id="main" className="page">
      <h1>{t("prevention.plans.heading")}</h1>
      <p className="lead">{t("prevention.plans.lead")}</p>
      {!plans && <p aria-busy="true">{t("prevention.loading")}</p>}
      {plans?.length === 0 && <p>{t("prevention.plans.empty")}</p>}
      {plans && plans.length > 0 && (
        <ul className="mine-list">
          {plans.map((plan) => (
            <PlanCard key={plan.id} plan={plan} />
          ))}
        </ul>
      )}

      <section className="card">
        <h2>{t("prevention.plans.calendar", { year: `${today().slice(0, 4)}–${Number(today().slice(0, 4)) + 1}` })}</h2>
        <table className="inspection-table">
          <tbody>
            {periods.map((period) => (
              <tr key={`${period.year}-${period.name}`}>
                <td>{english ? period.nameEn : period.name}</td>
                <td>
                  {period.start} – {period.end}
                  {period.approximate ? t("prevention.plans.provisional") : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card">
        <h2>{t("prevention.plans.create")}</h2>
        <form className="form" onSubmit={submit}>
          <label>
            {t("prevention.plans.name")}
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          </label>
          <label>
            {t("prevention.plans.rrule")}
            <input value={rrule} onChange={(e) => setRrule(e.target.value)} aria-invalid={!!rruleError} />
          </label>
          {rruleError ? (
            <p className="form__error" role="alert">
              {rruleError}
            </p>
          ) : (
            <p className="muted">{t("prevention.plans.rruleHint")}</p>
          )}
          <label>
            {t("prevention.plans.startDate")}
            <input type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} required />
          </label>
          <fieldset className="inspection-periods">
            <legend>{t("prevention.plans.periods")}</legend>
            {periodNames.map((periodName) => (
              <label key={periodName}>
                <input
                  type="checkbox"
                  checked={chosen.includes(periodName)}
                  onChange={(e) =>
                    setChosen((current) =>
                      e.target.checked ? [...current, periodName] : current.filter((n) => n !== periodName),
                    )
                  }
                />
                {english ? (periods.find((p) => p.name === periodName)?.nameEn ?? periodName) : periodName}
              </label>
            ))}
          </fieldset>
          <label>
            {t("prevention.plans.rdates")}
            <textarea value={rdates} onChange={(e) => setRdates(e.target.value)} rows={2} />
          </label>
          <label>
            {t("prevention.plans.exdates")}
            <textarea value={exdates} onChange={(e) => setExdates(e.target.value)} rows={2} />
          </label>
          <label>
            {t("prevention.plans.windowStart")}
            <input type="time" value={windowStart} onChange={(e) => setWindowStart(e.target.value)} />
          </label>
          <label>
            {t("prevention.plans.windowEnd")}
            <input type="time" value={windowEnd} onChange={(e) => setWindowEnd(e.target.value)} />
          </label>
          <p className="muted">
            {t("prevention.plans.assignee")}：{t("prevention.plans.assigneeGrid")}
          </p>
          <label>
            {t("prevention.plans.checklist")}
            <textarea value={checklist} onChange={(e) => setChecklist(e.target.value)} rows={4} required />
          </label>
          {message && (
            <p className={message.kind === "error" ? "form__error" : "notice notice--ok"} role="status">
              {message.text}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={!!rruleError}>
            {t("prevention.plans.save")}
          </button>
        </form>
      </section>
    </main>
  );
}
