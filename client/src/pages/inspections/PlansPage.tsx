import type { CalendarPeriod } from "@gridrisk/shared";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/http";
import { useAuth } from "../../auth/AuthContext";
import { PlanForm } from "../../inspections/PlanForm";
import "../../inspections/inspections.css";

interface Plan {
  id: string;
  kind: "inspection" | "meeting";
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

/** How many institutions a card lists before "show all". */
const TARGETS_SHOWN = 10;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** One plan: its next occurrences and, on demand, the institutions it visits, riskiest first. */
function PlanCard({ plan, periodName }: { plan: Plan; periodName: (name: string) => string }) {
  const { t } = useTranslation();
  const [allTargets, setAllTargets] = useState(false);
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
      <div className="plan-card__title">
        <strong>{plan.name}</strong> <span className="muted">{t(`prevention.plans.kinds.${plan.kind}`)}</span>
      </div>
      <div className="muted">
        {[
          plan.recurrence.rrule,
          plan.recurrence.periods.map((period) => periodName(period.name)).join(t("prevention.plans.listSeparator")),
          `${plan.window.start}–${plan.window.end}`,
        ]
          .filter(Boolean)
          .join(" · ")}
      </div>
      <div>
        {dates === undefined
          ? t("prevention.loading")
          : dates.length
            ? t("prevention.plans.next", { dates: dates.slice(0, 6).join(t("prevention.plans.listSeparator")) })
            : t("prevention.plans.none")}
      </div>
      {plan.kind === "meeting" ? null : targets?.length === 0 ? (
        <p className="muted">{t("prevention.plans.noTargets")}</p>
      ) : targets ? (
        <ol className="plan-card__targets">
          {(allTargets ? targets : targets.slice(0, TARGETS_SHOWN)).map((target) => (
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
            api<{ items: Target[] }>(`/api/inspection-plans/${plan.id}/targets`).then(
              ({ items }) => setTargets(items),
              () => setTargets([]),
            )
          }
        >
          {t("prevention.plans.targets")}
        </button>
      )}
      {targets && !allTargets && targets.length > TARGETS_SHOWN && (
        <button type="button" className="link-button" onClick={() => setAllTargets(true)}>
          {t("prevention.plans.allTargets", { count: targets.length })}
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

  const periodName = (name: string) =>
    english ? (periods.find((period) => period.name === name)?.nameEn ?? name) : name;

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

  return (
    <main id="main" className="page prevention-page">
      <h1>{t("prevention.plans.heading")}</h1>
      <p className="lead">{t("prevention.plans.lead")}</p>
      {!plans && <p aria-busy="true">{t("prevention.loading")}</p>}
      {plans?.length === 0 && <p>{t("prevention.plans.empty")}</p>}
      {plans && plans.length > 0 && (
        <ul className="mine-list">
          {plans.map((plan) => (
            <PlanCard key={plan.id} plan={plan} periodName={periodName} />
          ))}
        </ul>
      )}

      <section className="card">
        <h2>{t("prevention.plans.calendar", { year: `${today().slice(0, 4)}–${Number(today().slice(0, 4)) + 1}` })}</h2>
        <table className="inspection-table inspection-calendar">
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
        {me?.scope[0] && <PlanForm regionId={me.scope[0]} periods={periods} onSaved={load} />}
      </section>
    </main>
  );
}
