import { meetingRecordSchema } from "@gridrisk/shared";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api/http";
import { issuesOf, issueText } from "../forms/issueText";
import { FormMessage, type FormMessageState } from "./FormMessage";

/** A planned meeting being recorded. */
export interface PlannedMeeting {
  id: string;
  date: string;
  departmentIds: string[];
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The record of a joint meeting: a new one of the region, or the planned meeting `recording`
 * once held. Checked in the browser by the shared schema; problems are shown at their field.
 */
export function MeetingForm(props: {
  regionId: string;
  departments: { id: string; label: string }[];
  recording: PlannedMeeting | undefined;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { recording } = props;
  const [date, setDate] = useState(today());
  const [chosen, setChosen] = useState<string[]>([]);
  const [minutes, setMinutes] = useState("");
  const [decisions, setDecisions] = useState("");
  const [issues, setIssues] = useState<Record<string, string>>({});
  /** A save is under way (a plan's first tasks take seconds to schedule): no second click. */
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FormMessageState | undefined>();

  useEffect(() => {
    setDate(recording?.date ?? today());
    setChosen(recording?.departmentIds ?? []);
    setIssues({});
    if (recording) setMessage(undefined);
  }, [recording]);

  const problem = (path: string): ReactNode => {
    const found = Object.entries(issues).filter(([at]) => at === path || at.startsWith(`${path}.`));
    return found.length ? (
      <p className="form__error" role="alert">
        {found.map(([, text]) => t("prevention.plans.problem", { text })).join("；")}
      </p>
    ) : null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    const lines = decisions
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const parsed = meetingRecordSchema.safeParse({
      date,
      departmentIds: chosen,
      minutes,
      decisions: lines.map((text) => ({ text })),
    });
    if (!parsed.success) {
      setIssues(Object.fromEntries(issuesOf(parsed.error).map((issue) => [issue.path, issueText(issue, t)])));
      setMessage({ kind: "error", text: t("prevention.plans.fixErrors") });
      return;
    }
    setIssues({});
    setBusy(true);
    try {
      if (recording) await api(`/api/meetings/${recording.id}`, { method: "PUT", json: parsed.data });
      else await api("/api/meetings", { method: "POST", json: { regionId: props.regionId, ...parsed.data } });
      setMessage({ kind: "ok", text: t("prevention.saved") });
      setMinutes("");
      setDecisions("");
      setChosen([]);
      props.onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) {
        setIssues(
          Object.fromEntries(error.issues.map((issue) => [issue.path.replace(/^body\./, ""), issueText(issue, t)])),
        );
        setMessage({ kind: "error", text: t("prevention.plans.fixErrors") });
      } else {
        setMessage({ kind: "error", text: t("prevention.failed", { message: (error as Error).message }) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <label>
        {t("prevention.meetings.date")}
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      {problem("date")}
      <fieldset className="inspection-periods">
        <legend>{t("prevention.meetings.departments")}</legend>
        {props.departments.map((department) => (
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
            {department.label}
          </label>
        ))}
      </fieldset>
      {problem("departmentIds")}
      <label>
        {t("prevention.meetings.minutes")}
        <textarea value={minutes} onChange={(e) => setMinutes(e.target.value)} rows={4} required />
      </label>
      {problem("minutes")}
      <label>
        {t("prevention.meetings.decisions")}
        <textarea value={decisions} onChange={(e) => setDecisions(e.target.value)} rows={3} />
      </label>
      {problem("decisions")}
      <FormMessage message={message} />
      <div className="inspection-actions">
        <button type="submit" className="button-primary" disabled={busy} aria-busy={busy}>
          {busy ? t("prevention.saving") : t("prevention.meetings.save")}
        </button>
        {recording && (
          <button type="button" className="button-secondary" onClick={props.onCancel}>
            {t("prevention.meetings.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
