import {
  COUNT_WEIGHTS,
  FUND_SUPERVISION_LABELS,
  type FundSupervisionStatus,
  INSTITUTION_TYPE_LABELS,
  type InstitutionType,
  LICENCE_STATUS_LABELS,
  type LicenceStatus,
  type RiskScore,
} from "@gridrisk/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../api/http";
import { taskPath } from "../../inspections/taskTypes";
import "../../inspections/inspections.css";

interface Profile {
  institution: {
    id: string;
    name: string;
    address: string;
    licenceStatus: LicenceStatus;
    fundSupervision: FundSupervisionStatus;
    licenceValidUntil: string | null;
    classesScheduledUntil: string | null;
  };
  risk: RiskScore;
  events: { id: string; code: string; title: string; status: string; createdAt?: string }[];
  inspections: { id: string; planName: string; occurrenceDate: string; status: string; findings: number }[];
  findings: { id: string; taskId: string; occurrenceDate: string; text: string; eventId: string | null }[];
}

/** An institution's risk profile: its status, events, inspections, findings and the explained score. */
export function InstitutionRiskPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const english = i18n.language.startsWith("en");
  const [profile, setProfile] = useState<Profile | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api<{ profile: Profile }>(`/api/institutions/${id}/risk-profile`).then(
      (answer) => setProfile(answer.profile),
      (failure: Error) => setError(failure.message),
    );
  }, [id]);
  if (!profile) {
    return (
      <main id="main" className="page" aria-busy={!error}>
        {error ? <p className="form__error">{error}</p> : <p>{t("prevention.loading")}</p>}
      </main>
    );
  }
  const label = (entry: { zh: string; en: string }) => (english ? entry.en : entry.zh);
  const factValue = ({ factor, value }: RiskScore["factors"][number]) => {
    if (factor === "inspection_gap" && value === null) return t("prevention.risk.never");
    if (factor === "licence") return label(LICENCE_STATUS_LABELS[value as LicenceStatus]);
    if (factor === "fund_supervision") return label(FUND_SUPERVISION_LABELS[value as FundSupervisionStatus]);
    if (factor === "subject_type") return label(INSTITUTION_TYPE_LABELS[value as InstitutionType]);
    return String(value);
  };
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const expired = (profile.institution.licenceValidUntil ?? "9999") < today;
  /** "许可证：已取得" / "Licence: licensed", with the colon of the interface language. */
  const field = (key: string, value: string) =>
    t("prevention.risk.field", { label: t(`prevention.risk.${key}`), value });
  const ruleOf = ({ factor }: RiskScore["factors"][number]) =>
    factor in COUNT_WEIGHTS
      ? t("prevention.risk.rule.count", COUNT_WEIGHTS[factor as keyof typeof COUNT_WEIGHTS])
      : t(`prevention.risk.rule.${factor}`);
  return (
    <main id="main" className="page prevention-page">
      <h1>{profile.institution.name}</h1>
      <p className="muted">{profile.institution.address}</p>
      <section className="card">
        <h2>{t("prevention.risk.heading")}</h2>
        <p className="risk-score">
          <span className="muted">{t("prevention.risk.score")} </span>
          {profile.risk.score}
        </p>
        <p>
          {field("licence", label(LICENCE_STATUS_LABELS[profile.institution.licenceStatus]))} ·{" "}
          {field("fund", label(FUND_SUPERVISION_LABELS[profile.institution.fundSupervision]))}
        </p>
        <p>
          {field("licenceValidUntil", profile.institution.licenceValidUntil ?? t("prevention.risk.unknown"))}
          {expired && <strong className="verdict--missed"> {t("prevention.risk.expired")}</strong>} ·{" "}
          {field("classesScheduledUntil", profile.institution.classesScheduledUntil ?? t("prevention.risk.unknown"))}
        </p>
        <h3>{t("prevention.risk.factors")}</h3>
        <table className="inspection-table">
          <tbody>
            {profile.risk.factors.map((factor) => (
              <tr key={factor.factor}>
                <td>{t(`prevention.risk.factor.${factor.factor}`)}</td>
                <td>{t("prevention.risk.value", { value: factValue(factor) })}</td>
                <td>
                  <strong>{t("prevention.risk.points", { points: factor.points })}</strong>
                </td>
                <td className="muted">{ruleOf(factor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{t("prevention.risk.events")}</h2>
        {profile.events.length === 0 && <p>{t("prevention.risk.none")}</p>}
        <ul>
          {profile.events.map((event) => (
            <li key={event.id}>
              <Link to={`/events/${event.id}`}>{event.code}</Link> {event.title} · {t(`statuses.${event.status}`)}
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>{t("prevention.risk.inspections")}</h2>
        {profile.inspections.length === 0 && <p>{t("prevention.risk.none")}</p>}
        <ul>
          {profile.inspections.map((task) => (
            <li key={task.id}>
              <Link to={taskPath(task.id)}>{task.occurrenceDate}</Link> {task.planName} ·{" "}
              {t(`prevention.tasks.status.${task.status}`)}
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>{t("prevention.risk.findings")}</h2>
        {profile.findings.length === 0 && <p>{t("prevention.risk.none")}</p>}
        <ul>
          {profile.findings.map((finding) => (
            <li key={`${finding.taskId}-${finding.id}`}>
              {finding.occurrenceDate} {finding.text}
              {finding.eventId && (
                <>
                  {" "}
                  · <Link to={`/events/${finding.eventId}`}>{t("prevention.task.eventRaised")}</Link>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
