import { type EventChange, eventActionSchema } from "@gridrisk/shared";
import { useCallback, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, api } from "../../api/http";
import { useAuth } from "../../auth/AuthContext";
import { Countdown, SeverityBadge, StatusBadge } from "../../desk/Countdown";
import { formatDateTime, useNow } from "../../desk/clock";
import { EvidencePicker, PhotoThumbnails } from "../../desk/EvidencePhotos";
import type { EventDetail, EventSummary, EventTask } from "../../desk/eventTypes";
import { useEventChanges, useResync } from "../../desk/liveEvents";
import { issuesOf, issueText } from "../../forms/issueText";

/** Statuses in which a department may hold a task worth showing. */
const TASK_STATUSES_SHOWN = "dispatched,handling,resolved,follow_up,closed,assessing";
/** How many events' details the inbox loads at most. */
const MAX_EVENTS = 100;
const GROUPS = ["pending", "accepted", "done"] as const;
type Group = (typeof GROUPS)[number];

function groupOf(task: EventTask): Group {
  return task.status === "pending" ? "pending" : task.status === "accepted" ? "accepted" : "done";
}

interface Row {
  event: EventDetail;
  task: EventTask;
}

/** One task with its accept / reject / complete actions. */
function TaskCard({ row, onChanged }: { row: Row; onChanged: (eventId: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const baseId = useId();
  const { event, task } = row;
  const [mode, setMode] = useState<"reject_task" | "complete_task" | undefined>();
  const [text, setText] = useState("");
  const [evidence, setEvidence] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const act = async (action: "accept_task" | "reject_task" | "complete_task") => {
    const body: Record<string, unknown> = { action, expectedVersion: event.version, taskId: task.id };
    if (action === "reject_task") body.reason = text;
    if (action === "complete_task") {
      body.result = text;
      if (evidence.length > 0) body.attachments = evidence;
    }
    const parsed = eventActionSchema.safeParse(body);
    if (!parsed.success) {
      setError(
        issuesOf(parsed.error)
          .map((issue) => issueText(issue, t))
          .join(" "),
      );
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/events/${event.id}/actions`, { method: "POST", json: parsed.data });
      setMode(undefined);
      setText("");
      setEvidence([]);
      await onChanged(event.id);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        const status = (failure.details as { status?: string } | undefined)?.status ?? "";
        setError(t("event.panel.conflict", { status: status ? t(`statuses.${status}`) : "?" }));
        await onChanged(event.id);
      } else setError(t("event.panel.failed", { message: (failure as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const can = (action: string) => event.availableActions.includes(action as never);
  return (
    <li className="card inbox__task">
      <p className="inbox__head">
        <Link to={`/events/${event.id}`}>{event.code}</Link> <strong>{event.title}</strong>{" "}
        <StatusBadge status={event.status} /> <SeverityBadge severity={event.severity} />
      </p>
      <p className="muted">
        {t(`event.${task.role}`)} · {t(`event.taskStatus.${task.status}`)} ·{" "}
        {t("event.due", { time: formatDateTime(task.dueAt, i18n.language) })}{" "}
        {(task.status === "pending" || task.status === "accepted") && <Countdown deadline={task.dueAt} now={now} />}
      </p>
      {task.result && <p>{t("event.taskResult", { result: task.result })}</p>}
      <PhotoThumbnails ids={task.evidence ?? []} altKey="desk.inbox.evidenceAlt" />
      <div className="action-panel__buttons">
        {task.status === "pending" && can("accept_task") && (
          <button type="button" className="button-primary" disabled={busy} onClick={() => void act("accept_task")}>
            {t("actions.accept_task")}
          </button>
        )}
        {task.status === "pending" && can("reject_task") && (
          <button type="button" className="button-secondary" onClick={() => setMode("reject_task")}>
            {t("actions.reject_task")}
          </button>
        )}
        {task.status === "accepted" && can("complete_task") && (
          <button type="button" className="button-secondary" onClick={() => setMode("complete_task")}>
            {t("actions.complete_task")}
          </button>
        )}
      </div>
      {mode && (
        <form
          className="action-form"
          noValidate
          onSubmit={(submitEvent) => {
            submitEvent.preventDefault();
            void act(mode);
          }}
        >
          <label htmlFor={`${baseId}-text`}>
            {mode === "reject_task" ? t("event.panel.reason") : t("event.panel.result")}
          </label>
          <textarea id={`${baseId}-text`} rows={3} value={text} onChange={(change) => setText(change.target.value)} />
          {mode === "complete_task" && <EvidencePicker ids={evidence} onChange={setEvidence} />}
          <div className="action-form__buttons">
            <button type="submit" className="button-primary" disabled={busy}>
              {busy ? t("event.panel.submitting") : t("event.panel.submit")}
            </button>
            <button type="button" className="button-secondary" onClick={() => setMode(undefined)}>
              {t("event.panel.cancel")}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** A department handler's inbox: the department's tasks to accept, in progress and done. */
export function InboxPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [events, setEvents] = useState<Map<string, EventDetail> | undefined>();
  const [error, setError] = useState<string | undefined>();

  const loadOne = useCallback(async (eventId: string) => {
    try {
      const answer = await api<{ event: EventDetail }>(`/api/events/${eventId}`);
      setEvents((current) => new Map(current).set(eventId, answer.event));
    } catch {
      // An event that vanished from view simply stays as it was.
    }
  }, []);

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const list = await api<{ items: EventSummary[] }>(
        `/api/events?status=${TASK_STATUSES_SHOWN}&sort=deadline&limit=${MAX_EVENTS}`,
      );
      const details = await Promise.all(
        list.items.map((item) =>
          api<{ event: EventDetail }>(`/api/events/${item.id}`).then(
            (answer) => answer.event,
            () => undefined,
          ),
        ),
      );
      setEvents(new Map(details.filter((event) => event !== undefined).map((event) => [event.id, event])));
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  // Whatever changed while the socket was down is read again.
  useResync(load);

  useEventChanges((change: EventChange) => {
    const known = events?.get(change.event.id);
    if (known && known.version >= change.event.version) return;
    void loadOne(change.event.id);
  });

  const rows: Row[] = [];
  for (const event of events?.values() ?? []) {
    for (const task of event.tasks) {
      if (task.departmentId === me?.departmentId) rows.push({ event, task });
    }
  }
  rows.sort((a, b) => a.task.dueAt.localeCompare(b.task.dueAt));

  return (
    <main id="main" className="page inbox">
      <h1>{t("desk.inbox.heading")}</h1>
      <p className="lead">{t("desk.inbox.lead")}</p>
      {error && (
        <p className="form__error" role="alert">
          {t("desk.loadFailed", { message: error })}{" "}
          <button type="button" className="link-button" onClick={() => void load()}>
            {t("desk.retry")}
          </button>
        </p>
      )}
      {!events && !error && <p aria-busy="true">{t("desk.loading")}</p>}
      {events &&
        GROUPS.map((group) => {
          const inGroup = rows.filter((row) => groupOf(row.task) === group);
          return (
            <section key={group} className="inbox__group" aria-labelledby={`inbox-${group}`}>
              <h2 id={`inbox-${group}`}>
                {t(`desk.inbox.${group}`)} <span className="muted">({inGroup.length})</span>
              </h2>
              {inGroup.length === 0 ? (
                <p className="muted">{t("desk.inbox.none")}</p>
              ) : (
                <ul className="inbox__list">
                  {inGroup.map((row) => (
                    <TaskCard key={row.task.id} row={row} onChanged={loadOne} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
    </main>
  );
}
