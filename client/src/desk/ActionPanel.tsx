import {
  DEFAULT_EVENT_CATEGORY_ENTRIES,
  type EventAction,
  eventActionSchema,
  type FieldIssue,
  SEVERITIES,
} from "@gridrisk/shared";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api/http";
import { issuesOf, issueText, type TranslatableIssue } from "../forms/issueText";
import { EventTimeline } from "./EventTimeline";
import type { Department, EventDetail, TimelineEntry } from "./eventTypes";

type Values = Record<string, string>;
interface Assisting {
  key: number;
  departmentId: string;
  dueAt: string;
}

/** A datetime-local value, read as China Standard Time, as ISO 8601 with its offset. */
function shanghaiIso(local: string): string | undefined {
  if (!local) return undefined;
  return `${local.length === 16 ? `${local}:00` : local}+08:00`;
}

/** The body an action form sends, before validation. */
function bodyOf(action: EventAction, values: Values, assisting: Assisting[], version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { action, expectedVersion: version };
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== "") body[key] = value;
  };
  switch (action) {
    case "assess": {
      put("severity", values.severity);
      put("category", values.category);
      const decision = values.decision ?? "dispatch";
      body.decision = decision;
      if (decision === "dispatch") {
        body.tasks = [
          { departmentId: values.leadDepartment ?? "", role: "lead", dueAt: shanghaiIso(values.leadDueAt ?? "") },
          ...assisting.map((entry) => ({
            departmentId: entry.departmentId,
            role: "assist",
            dueAt: shanghaiIso(entry.dueAt),
          })),
        ].map((task) => JSON.parse(JSON.stringify(task)));
      } else if (decision === "merge") put("mergeInto", values.mergeInto?.trim() ?? "");
      else put("reason", values.reason ?? "");
      break;
    }
    case "accept_task":
      put("taskId", values.taskId);
      break;
    case "reject_task":
      put("taskId", values.taskId);
      body.reason = values.reason ?? "";
      break;
    case "complete_task":
      put("taskId", values.taskId);
      body.result = values.result ?? "";
      break;
    case "request_extension":
      put("taskId", values.taskId);
      body.reason = values.reason ?? "";
      put("until", shanghaiIso(values.until ?? ""));
      break;
    case "decide_extension":
      put("taskId", values.taskId);
      body.approved = values.approved !== "no";
      put("note", values.note?.trim());
      break;
    case "resolve":
      body.summary = values.summary ?? "";
      break;
    case "schedule_follow_up":
      put("dueAt", shanghaiIso(values.dueAt ?? ""));
      put("assigneeId", values.assigneeId?.trim());
      break;
    case "record_follow_up":
      body.outcome = values.outcome ?? "effective";
      body.note = values.note ?? "";
      break;
    case "close":
      body.summary = values.summary ?? "";
      body.reason = values.reason ?? "";
      break;
    case "reopen":
      body.reason = values.reason ?? "";
      break;
    case "urge":
    case "comment":
      body.note = values.note ?? "";
      break;
    default:
      break;
  }
  return body;
}

function stripBody(issues: FieldIssue[]): TranslatableIssue[] {
  return issues.map((issue) => ({ ...issue, path: issue.path.replace(/^body\.?/, "") }));
}

/** Issues of one field (its path or below). */
function issuesAt(issues: TranslatableIssue[], path: string): TranslatableIssue[] {
  return issues.filter((issue) => issue.path === path || issue.path.startsWith(`${path}.`));
}

function Field({ label, id, errors, children }: { label: string; id: string; errors: string[]; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {errors.length > 0 && (
        <p className="field-error" id={`${id}-error`}>
          {errors.join("; ")}
        </p>
      )}
    </div>
  );
}

interface Conflict {
  status: string;
  body: Record<string, unknown>;
  /** The timeline entries written by others meanwhile. */
  changes: TimelineEntry[];
}

/**
 * The actions the server offers this user on this event now (never more), each with a form
 * validated by the shared schema before it is sent.
 */
export function ActionPanel({
  event,
  departments,
  onChanged,
  reload,
}: {
  event: EventDetail;
  departments: Department[];
  onChanged: () => void;
  reload: () => Promise<EventDetail | undefined>;
}) {
  const { t, i18n } = useTranslation();
  const baseId = useId();
  const [open, setOpen] = useState<EventAction | undefined>();
  const [values, setValues] = useState<Values>({});
  const [assisting, setAssisting] = useState<Assisting[]>([]);
  const [issues, setIssues] = useState<TranslatableIssue[]>([]);
  /** The messages of one field, translated. */
  const errorsAt = (list: TranslatableIssue[], path: string) =>
    issuesAt(list, path).map((issue) => issueText(issue, t));
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | undefined>();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [busy, setBusy] = useState(false);
  const english = i18n.language === "en";
  const departmentName = (id: string) => {
    const department = departments.find((candidate) => candidate.id === id);
    return department ? (english && department.nameEn) || department.name : id;
  };

  const set = (key: string) => (change: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [key]: change.target.value }));
  const id = (key: string) => `${baseId}-${key}`;

  const choose = (action: EventAction) => {
    setOpen(action);
    // The reporter knows the place best: the follow-up visit goes to them unless changed.
    const preset: Record<string, Values> = {
      assess: { severity: event.severity, decision: "dispatch" },
      schedule_follow_up: { assigneeId: event.reporterId },
    };
    setValues(preset[action] ?? {});
    setAssisting([]);
    setIssues([]);
    setMessage(undefined);
    setConflict(undefined);
  };

  const send = async (body: Record<string, unknown>) => {
    setBusy(true);
    setMessage(undefined);
    setConflict(undefined);
    try {
      await api(`/api/events/${event.id}/actions`, { method: "POST", json: body });
      setOpen(undefined);
      setIssues([]);
      setMessage({ kind: "ok", text: t("event.panel.done") });
      onChanged();
    } catch (failure) {
      if (failure instanceof ApiError) {
        if (failure.status === 409 && failure.code === "version_conflict") {
          const details = failure.details as { status?: string } | undefined;
          // What others did since this version: the entries the fresh timeline has beyond the one shown.
          const seen = event.timeline.length;
          const fresh = await reload();
          setConflict({ status: details?.status ?? "", body, changes: fresh?.timeline.slice(seen) ?? [] });
        } else if (failure.status === 400) {
          setIssues(stripBody(failure.issues));
          setMessage({ kind: "error", text: t("event.panel.fixFields") });
        } else if (failure.status === 422) {
          setMessage({ kind: "error", text: t("event.panel.invalidTransition", { message: failure.message }) });
        } else if (failure.status === 403) {
          setMessage({ kind: "error", text: t("event.panel.forbidden", { message: failure.message }) });
        } else setMessage({ kind: "error", text: t("event.panel.failed", { message: failure.message }) });
      } else setMessage({ kind: "error", text: t("event.panel.failed", { message: (failure as Error).message }) });
    } finally {
      setBusy(false);
    }
  };

  const submit = (action: EventAction) => (submitEvent?: FormEvent) => {
    submitEvent?.preventDefault();
    const body = bodyOf(action, values, assisting, event.version);
    const parsed = eventActionSchema.safeParse(body);
    if (!parsed.success) {
      setIssues(issuesOf(parsed.error));
      setMessage({ kind: "error", text: t("event.panel.fixFields") });
      return;
    }
    setIssues([]);
    void send(parsed.data);
  };

  const retryFresh = async () => {
    if (!conflict) return;
    const fresh = await reload();
    const action = conflict.body.action as EventAction;
    if (!fresh?.availableActions.includes(action)) {
      setConflict(undefined);
      setOpen(undefined);
      setMessage({ kind: "error", text: t("event.panel.notAvailable") });
      return;
    }
    void send({ ...conflict.body, expectedVersion: fresh.version });
  };

  const statusLabel = (status: string) => (status ? t(`statuses.${status}`) : "?");
  const taskSelect = () => (
    <Field label={t("event.panel.task")} id={id("taskId")} errors={errorsAt(issues, "taskId")}>
      <select id={id("taskId")} value={values.taskId ?? ""} onChange={set("taskId")}>
        <option value="">—</option>
        {event.tasks.map((task) => (
          <option key={task.id} value={task.id}>
            {departmentName(task.departmentId)} · {t(`event.${task.role}`)} · {t(`event.taskStatus.${task.status}`)}
          </option>
        ))}
      </select>
    </Field>
  );
  const textArea = (key: string, label: string) => (
    <Field label={label} id={id(key)} errors={errorsAt(issues, key)}>
      <textarea
        id={id(key)}
        rows={3}
        value={values[key] ?? ""}
        onChange={set(key)}
        aria-invalid={errorsAt(issues, key).length > 0}
      />
    </Field>
  );
  const dateField = (key: string, label: string, path = key) => (
    <Field label={label} id={id(key)} errors={errorsAt(issues, path)}>
      <input id={id(key)} type="datetime-local" value={values[key] ?? ""} onChange={set(key)} />
    </Field>
  );
  const departmentOptions = (
    <>
      <option value="">{t("event.panel.chooseDepartment")}</option>
      {departments.map((department) => (
        <option key={department.id} value={department.id}>
          {(english && department.nameEn) || department.name}
        </option>
      ))}
    </>
  );

  const fieldsOf = (action: EventAction): ReactNode => {
    switch (action) {
      case "claim":
        return null;
      case "assess": {
        const decision = values.decision ?? "dispatch";
        return (
          <>
            <Field label={t("event.panel.severity")} id={id("severity")} errors={errorsAt(issues, "severity")}>
              <select id={id("severity")} value={values.severity ?? ""} onChange={set("severity")}>
                {SEVERITIES.map((severity) => (
                  <option key={severity} value={severity}>
                    {t(`severities.${severity}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("event.panel.category")} id={id("category")} errors={errorsAt(issues, "category")}>
              <select id={id("category")} value={values.category ?? ""} onChange={set("category")}>
                <option value="">{t("event.panel.keepCategory")}</option>
                {DEFAULT_EVENT_CATEGORY_ENTRIES.map((category) => (
                  <option key={category.code} value={category.code}>
                    {(english && category.nameEn) || category.name}
                  </option>
                ))}
              </select>
            </Field>
            <fieldset className="field">
              <legend>{t("event.panel.decision")}</legend>
              {(["dispatch", "dismiss", "escalate", "merge"] as const).map((option) => (
                <label key={option} className="radio">
                  <input
                    type="radio"
                    name={id("decision")}
                    value={option}
                    checked={decision === option}
                    onChange={set("decision")}
                  />{" "}
                  {t(`event.panel.decisions.${option}`)}
                </label>
              ))}
            </fieldset>
            {decision === "dispatch" && (
              <fieldset className="field dispatch">
                <legend>{t("event.panel.departments")}</legend>
                {issues
                  .filter((issue) => issue.path === "tasks")
                  .map((issue) => (
                    <p key={issue.message} className="field-error">
                      {issueText(issue, t)}
                    </p>
                  ))}
                <div className="dispatch__row">
                  <Field
                    label={t("event.panel.leadDepartment")}
                    id={id("lead")}
                    errors={errorsAt(issues, "tasks.0.departmentId")}
                  >
                    <select id={id("lead")} value={values.leadDepartment ?? ""} onChange={set("leadDepartment")}>
                      {departmentOptions}
                    </select>
                  </Field>
                  {dateField("leadDueAt", t("event.panel.dueAt"), "tasks.0.dueAt")}
                </div>
                <p className="dispatch__label">{t("event.panel.assisting")}</p>
                {assisting.map((entry, index) => (
                  <div className="dispatch__row" key={entry.key}>
                    <Field
                      label={t("event.panel.department")}
                      id={id(`assist-${entry.key}`)}
                      errors={errorsAt(issues, `tasks.${index + 1}.departmentId`)}
                    >
                      <select
                        id={id(`assist-${entry.key}`)}
                        value={entry.departmentId}
                        onChange={(change) =>
                          setAssisting((list) =>
                            list.map((item) =>
                              item.key === entry.key ? { ...item, departmentId: change.target.value } : item,
                            ),
                          )
                        }
                      >
                        {departmentOptions}
                      </select>
                    </Field>
                    <Field
                      label={t("event.panel.dueAt")}
                      id={id(`assist-due-${entry.key}`)}
                      errors={errorsAt(issues, `tasks.${index + 1}.dueAt`)}
                    >
                      <input
                        id={id(`assist-due-${entry.key}`)}
                        type="datetime-local"
                        value={entry.dueAt}
                        onChange={(change) =>
                          setAssisting((list) =>
                            list.map((item) =>
                              item.key === entry.key ? { ...item, dueAt: change.target.value } : item,
                            ),
                          )
                        }
                      />
                    </Field>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setAssisting((list) => list.filter((item) => item.key !== entry.key))}
                    >
                      {t("event.panel.remove")}
                    </button>
                  </div>
                ))}
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => setAssisting((list) => [...list, { key: Date.now(), departmentId: "", dueAt: "" }])}
                >
                  {t("event.panel.addAssisting")}
                </button>
              </fieldset>
            )}
            {(decision === "dismiss" || decision === "escalate") && textArea("reason", t("event.panel.reason"))}
            {decision === "merge" && (
              <Field label={t("event.panel.mergeInto")} id={id("mergeInto")} errors={errorsAt(issues, "mergeInto")}>
                <input id={id("mergeInto")} value={values.mergeInto ?? ""} onChange={set("mergeInto")} />
              </Field>
            )}
          </>
        );
      }
      case "accept_task":
        return taskSelect();
      case "reject_task":
        return (
          <>
            {taskSelect()}
            {textArea("reason", t("event.panel.reason"))}
          </>
        );
      case "complete_task":
        return (
          <>
            {taskSelect()}
            {textArea("result", t("event.panel.result"))}
          </>
        );
      case "request_extension":
        return (
          <>
            {taskSelect()}
            {dateField("until", t("event.panel.until"))}
            {textArea("reason", t("event.panel.reason"))}
          </>
        );
      case "decide_extension":
        return (
          <>
            {taskSelect()}
            <Field label={t("event.panel.approved")} id={id("approved")} errors={errorsAt(issues, "approved")}>
              <select id={id("approved")} value={values.approved ?? "yes"} onChange={set("approved")}>
                <option value="yes">{t("event.panel.approve")}</option>
                <option value="no">{t("event.panel.deny")}</option>
              </select>
            </Field>
            {textArea("note", t("event.panel.noteOptional"))}
          </>
        );
      case "resolve":
        return textArea("summary", t("event.panel.summary"));
      case "schedule_follow_up":
        return (
          <>
            {dateField("dueAt", t("event.panel.followUpDue"))}
            <Field label={t("event.panel.assigneeId")} id={id("assigneeId")} errors={errorsAt(issues, "assigneeId")}>
              <input id={id("assigneeId")} value={values.assigneeId ?? ""} onChange={set("assigneeId")} />
            </Field>
          </>
        );
      case "record_follow_up":
        return (
          <>
            <Field label={t("event.panel.outcome")} id={id("outcome")} errors={errorsAt(issues, "outcome")}>
              <select id={id("outcome")} value={values.outcome ?? "effective"} onChange={set("outcome")}>
                <option value="effective">{t("event.panel.outcomes.effective")}</option>
                <option value="recurred">{t("event.panel.outcomes.recurred")}</option>
              </select>
            </Field>
            {textArea("note", t("event.panel.note"))}
          </>
        );
      case "close":
        return (
          <>
            {textArea("summary", t("event.panel.summary"))}
            {textArea("reason", t("event.panel.closeReason"))}
          </>
        );
      case "reopen":
        return textArea("reason", t("event.panel.reason"));
      case "urge":
      case "comment":
        return textArea("note", t("event.panel.note"));
      default:
        return <p>{t("event.panel.unsupported")}</p>;
    }
  };

  return (
    <section className="card action-panel" aria-labelledby={id("heading")}>
      <h2 id={id("heading")}>{t("event.panel.heading")}</h2>
      {event.availableActions.length === 0 && <p>{t("event.panel.none")}</p>}
      <div className="action-panel__buttons">
        {event.availableActions.map((action) =>
          action === "claim" ? (
            <button
              key={action}
              type="button"
              className="button-primary"
              disabled={busy}
              onClick={() => {
                setOpen(undefined);
                submit("claim")();
              }}
            >
              {t("actions.claim")}
            </button>
          ) : (
            <button
              key={action}
              type="button"
              className={open === action ? "button-secondary is-active" : "button-secondary"}
              aria-expanded={open === action}
              onClick={() => choose(action)}
            >
              {t(`actions.${action}`)}
            </button>
          ),
        )}
      </div>
      {conflict && (
        <div className="notice notice--warn" role="alert">
          <p>{t("event.panel.conflict", { status: statusLabel(conflict.status) })}</p>
          {conflict.changes.length > 0 && (
            <>
              <p>{t("event.panel.conflictChanges")}</p>
              <EventTimeline entries={conflict.changes} />
            </>
          )}
          <button type="button" className="button-primary" disabled={busy} onClick={() => void retryFresh()}>
            {t("event.panel.reloadRetry")}
          </button>
        </div>
      )}
      {message && (
        <p
          className={message.kind === "ok" ? "notice notice--ok" : "form__error"}
          role={message.kind === "ok" ? "status" : "alert"}
        >
          {message.text}
        </p>
      )}
      {open && open !== "claim" && (
        <form className="action-form" onSubmit={submit(open)} noValidate>
          <h3>{t(`actions.${open}`)}</h3>
          {fieldsOf(open)}
          {issues
            .filter((issue) => issue.path === "" || issue.path === "action" || issue.path === "expectedVersion")
            .map((issue) => (
              <p key={`${issue.path}-${issue.message}`} className="field-error">
                {issueText(issue, t)}
              </p>
            ))}
          <div className="action-form__buttons">
            <button type="submit" className="button-primary" disabled={busy}>
              {busy ? t("event.panel.submitting") : t("event.panel.submit")}
            </button>
            <button type="button" className="button-secondary" onClick={() => setOpen(undefined)}>
              {t("event.panel.cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
