import { DEFAULT_EVENT_CATEGORY_ENTRIES, type EventChange } from "@gridrisk/shared";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError, api } from "../../api/http";
import { homeOf, useAuth } from "../../auth/AuthContext";
import { ActionPanel } from "../../desk/ActionPanel";
import { Countdown, SeverityBadge, StatusBadge } from "../../desk/Countdown";
import { formatDateTime, useNow } from "../../desk/clock";
import { EventTimeline } from "../../desk/EventTimeline";
import type { Department, EventDetail } from "../../desk/eventTypes";
import { PhotoThumbnails } from "../../desk/EvidencePhotos";
import { useEventChanges, useResync } from "../../desk/liveEvents";
import { MergeCandidates } from "../../desk/MergeCandidates";

const STAGES = ["assessment", "handling", "followUp"] as const;
/** The same map as the report form's, showing the event's point in its grid. */
const LocationMap = lazy(() => import("../../report/LocationPicker"));

/** One event: details, tasks, photos, timeline and the actions the server allows this user now. */
export function EventPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const now = useNow();
  const [event, setEvent] = useState<EventDetail | undefined>();
  const [error, setError] = useState<{ notFound: boolean; message: string } | undefined>();
  const [departments, setDepartments] = useState<Department[]>([]);
  const [liveNotice, setLiveNotice] = useState(false);
  const versionRef = useRef(0);
  const english = i18n.language === "en";

  const load = useCallback(async (): Promise<EventDetail | undefined> => {
    try {
      const answer = await api<{ event: EventDetail }>(`/api/events/${id}`);
      versionRef.current = answer.event.version;
      setEvent(answer.event);
      setError(undefined);
      return answer.event;
    } catch (failure) {
      setError({
        notFound: failure instanceof ApiError && failure.status === 404,
        message: (failure as Error).message,
      });
      return undefined;
    }
  }, [id]);

  useEffect(() => {
    setEvent(undefined);
    versionRef.current = 0;
    void load();
  }, [load]);
  useResync(load);

  const gridId = event?.gridId;
  useEffect(() => {
    if (!gridId) return;
    api<{ items: Department[] }>(`/api/departments?region=${gridId}`)
      .catch(() => api<{ items: Department[] }>("/api/departments"))
      .then(
        (answer) => setDepartments(answer.items),
        () => undefined,
      );
  }, [gridId]);

  // Departments of the city and of the district share names: say whose each one is.
  const regionPath = event?.regionPath;
  const labelled = useMemo(
    () =>
      departments.map((department) => {
        const depth = regionPath?.indexOf(department.regionId ?? "") ?? -1;
        const level = depth === 0 ? "city" : depth === 1 ? "district" : depth >= 2 ? "township" : undefined;
        if (!level) return department;
        return {
          ...department,
          name: `${department.name}（${t(`event.levels.${level}`, { lng: "zh-CN" })}）`,
          nameEn: `${department.nameEn ?? department.name} (${t(`event.levels.${level}`, { lng: "en" })})`,
        };
      }),
    [departments, regionPath, t],
  );

  useEventChanges((change: EventChange) => {
    if (change.event.id !== id || change.event.version <= versionRef.current) return;
    versionRef.current = change.event.version;
    // Say so only when someone else changed it (our own actions report themselves).
    void load().then((fresh) => setLiveNotice(Boolean(fresh && fresh.timeline.at(-1)?.actorId !== me?.id)));
  });

  if (error && !event) {
    return (
      <main id="main" className="page">
        <p className="form__error" role="alert">
          {error.notFound ? t("event.notFound") : t("event.loadFailed", { message: error.message })}
        </p>
        {!error.notFound && (
          <button type="button" className="button-secondary" onClick={() => void load()}>
            {t("event.retry")}
          </button>
        )}
        <p>
          <Link to={me ? homeOf(me.role) : "/desk"}>{t("event.back")}</Link>
        </p>
      </main>
    );
  }
  if (!event) {
    return (
      <main id="main" className="page" aria-busy="true">
        <p>{t("event.loading")}</p>
      </main>
    );
  }

  const category = DEFAULT_EVENT_CATEGORY_ENTRIES.find((entry) => entry.code === event.category);
  const categoryName = category ? (english && category.nameEn) || category.name : event.category;
  const departmentName = (departmentId: string) => {
    const department = labelled.find((candidate) => candidate.id === departmentId);
    return department ? (english && department.nameEn) || department.name : departmentId;
  };
  const [lng, lat] = event.location.coordinates;

  return (
    <main id="main" className="page event-page">
      <p>
        <Link to={me ? homeOf(me.role) : "/desk"}>← {t("event.back")}</Link>
      </p>
      <h1>
        <span className="event-page__code">{event.code}</span> {event.title}
      </h1>
      <p className="event-page__badges">
        <StatusBadge status={event.status} /> <SeverityBadge severity={event.severity} />{" "}
        <span className="muted">{t("event.version", { version: event.version })}</span>
      </p>
      {liveNotice && (
        <p className="notice notice--ok" role="status">
          {t("event.changedLive")}{" "}
          <button type="button" className="link-button" onClick={() => setLiveNotice(false)}>
            ×
          </button>
        </p>
      )}
      <div className="event-page__grid">
        <div className="event-page__main">
          <section className="card">
            <h2>{t("event.details")}</h2>
            <dl className="facts">
              <dt>{t("event.description")}</dt>
              <dd className="prewrap">{event.description}</dd>
              <dt>{t("event.category")}</dt>
              <dd>{categoryName}</dd>
              <dt>{t("event.severity")}</dt>
              <dd>
                <SeverityBadge severity={event.severity} />
              </dd>
              <dt>{t("event.status")}</dt>
              <dd>
                <StatusBadge status={event.status} />
              </dd>
              <dt>{t("event.location")}</dt>
              <dd>{t("event.lngLat", { lng: lng?.toFixed(6), lat: lat?.toFixed(6) })}</dd>
              {event.mergedInto && (
                <>
                  <dt>{t("event.mergedInto")}</dt>
                  <dd>
                    <Link to={`/events/${event.mergedInto}`}>{event.mergedInto}</Link>
                  </dd>
                </>
              )}
            </dl>
          </section>
          <section className="card">
            <h2>{t("event.map")}</h2>
            <Suspense fallback={<div className="report-map report-map--loading">{t("report.mapLoading")}</div>}>
              <LocationMap scope={[event.gridId]} value={{ lng: lng ?? 0, lat: lat ?? 0 }} />
            </Suspense>
          </section>
          <section className="card">
            <h2>{t("event.deadlines")}</h2>
            {STAGES.every((stage) => !event.deadlines[stage]) ? (
              <p>{t("event.noDeadlines")}</p>
            ) : (
              <dl className="facts">
                {STAGES.filter((stage) => event.deadlines[stage]).map((stage) => {
                  const deadline = event.deadlines[stage] as string;
                  return (
                    <div key={stage} className="facts__row">
                      <dt>{t(`event.deadline_${stage}`)}</dt>
                      <dd>
                        {formatDateTime(deadline, i18n.language)} <Countdown deadline={deadline} now={now} />
                      </dd>
                    </div>
                  );
                })}
              </dl>
            )}
          </section>
          <section className="card">
            <h2>{t("event.tasks")}</h2>
            {event.tasks.length === 0 ? (
              <p>{t("event.noTasks")}</p>
            ) : (
              <ul className="tasks">
                {event.tasks.map((task) => (
                  <li key={task.id} className={task.overdue ? "tasks__item tasks__item--late" : "tasks__item"}>
                    <strong>{departmentName(task.departmentId)}</strong> · {t(`event.${task.role}`)} ·{" "}
                    {t(`event.taskStatus.${task.status}`)} ·{" "}
                    {t("event.due", { time: formatDateTime(task.dueAt, i18n.language) })}
                    {(task.status === "pending" || task.status === "accepted") && (
                      <>
                        {" "}
                        <Countdown deadline={task.dueAt} now={now} />
                      </>
                    )}
                    {task.result && <div className="muted">{t("event.taskResult", { result: task.result })}</div>}
                    <PhotoThumbnails ids={task.evidence ?? []} altKey="desk.inbox.evidenceAlt" />
                    {task.rejectReason && <div className="muted">{task.rejectReason}</div>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {event.attachments.length > 0 && (
            <section className="card">
              <h2>{t("event.photos")}</h2>
              <PhotoThumbnails ids={event.attachments} altKey="event.photoAlt" />
            </section>
          )}
          {(event.status === "reported" || event.status === "escalated" || event.status === "assessing") && (
            <MergeCandidates eventId={event.id} />
          )}
          <section className="card">
            <h2>{t("event.timeline")}</h2>
            <EventTimeline entries={event.timeline} />
          </section>
        </div>
        <aside className="event-page__side">
          <ActionPanel event={event} departments={labelled} onChanged={() => void load()} reload={load} />
        </aside>
      </div>
    </main>
  );
}
