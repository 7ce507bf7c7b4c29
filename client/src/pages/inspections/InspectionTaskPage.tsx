import { CHECK_RESULTS } from "@gridrisk/shared";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../api/http";
import { type InspectionTask, shanghaiTime, useInspectionChanges } from "../../inspections/taskTypes";
import { resizePhoto } from "../../report/photoResize";
import { uploadPhoto } from "../../api/attachments";
import "../../inspections/inspections.css";
import { FormMessage } from "../../inspections/FormMessage";

type Answer = InspectionTask["answers"][number];
type Draft = { id?: string; text: string; photoIds: string[]; eventId?: string | null };

/** The report page, pre-filled from a finding: institution, its location, source `inspection`. */
function reportLink(task: InspectionTask, finding: Draft): string {
  const query = new URLSearchParams({
    source: "inspection",
    institutionId: task.institution.id,
    lng: String(task.location.lng),
    lat: String(task.location.lat),
    title: `${task.institution.name}：${finding.text}`.slice(0, 60),
    description: finding.text,
    task: task.id,
    finding: finding.id ?? "",
  });
  return `/report?${query}`;
}

/** One inspection visit, phone first: check in, answer the checklist, note findings, complete. */
export function InspectionTaskPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const path = `/api/inspection-tasks/${encodeURIComponent(id)}`;
  const [task, setTask] = useState<InspectionTask | undefined>();
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [findings, setFindings] = useState<Draft[]>([]);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | undefined>();
  const [busy, setBusy] = useState(false);

  const adopt = useCallback((next: InspectionTask) => {
    setTask(next);
    setAnswers(next.answers);
    setFindings(next.findings);
  }, []);
  const load = useCallback(() => {
    api<{ task: InspectionTask }>(path).then(
      ({ task: loaded }) => adopt(loaded),
      (error: Error) => setMessage({ kind: "error", text: error.message }),
    );
  }, [path, adopt]);
  useEffect(load, [load]);
  useInspectionChanges(
    useCallback((change) => {
      setTask((current) =>
        current && change.task.id === current.id && change.task.version > current.version
          ? ({ ...current, ...change.task } as InspectionTask)
          : current,
      );
    }, []),
  );

  const run = async (work: () => Promise<{ task: InspectionTask }>, done?: string) => {
    setBusy(true);
    setMessage(undefined);
    try {
      adopt((await work()).task);
      setMessage({ kind: "ok", text: done ?? t("prevention.saved") });
    } catch (error) {
      setMessage({ kind: "error", text: t("prevention.failed", { message: (error as Error).message }) });
    } finally {
      setBusy(false);
    }
  };

  const checkIn = () => {
    if (!task) return;
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      (position) =>
        void run(() =>
          api(`${path}/check-in`, {
            method: "POST",
            json: {
              location: { lng: position.coords.longitude, lat: position.coords.latitude },
              expectedVersion: task.version,
            },
          }),
        ),
      (error) => {
        setBusy(false);
        setMessage({ kind: "error", text: t("prevention.task.geoFailed", { message: error.message }) });
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const save = () =>
    task &&
    run(() =>
      api(path, {
        method: "PATCH",
        json: {
          expectedVersion: task.version,
          answers,
          findings: findings
            .filter((finding) => finding.text.trim())
            .map(({ id: findingId, text, photoIds }) => ({ ...(findingId ? { id: findingId } : {}), text, photoIds })),
        },
      }),
    );
  const complete = () =>
    task &&
    run(
      () => api(`${path}/complete`, { method: "POST", json: { expectedVersion: task.version } }),
      t("prevention.task.completed"),
    );
  /** Resizes and uploads photos of a finding; their ids join the finding (saved with the record). */
  const addPhotos = async (index: number, files: FileList | null) => {
    setBusy(true);
    try {
      for (const file of Array.from(files ?? [])) {
        const blob = await resizePhoto(file);
        const photoId = await uploadPhoto(blob, "evidence");
        setFindings((current) =>
          current.map((f, i) => (i === index ? { ...f, photoIds: [...f.photoIds, photoId] } : f)),
        );
      }
    } catch (error) {
      setMessage({ kind: "error", text: t("prevention.failed", { message: (error as Error).message }) });
    } finally {
      setBusy(false);
    }
  };
  const setAnswer = (index: number, result: Answer["result"]) =>
    setAnswers((current) => [...current.filter((answer) => answer.index !== index), { index, result }]);

  if (!task) {
    return (
      <main id="main" className="page" aria-busy={!message}>
        {message ? <p className="form__error">{message.text}</p> : <p>{t("prevention.loading")}</p>}
      </main>
    );
  }
  const done = task.status === "done";
  return (
    <main id="main" className="page inspection-task">
      <p>
        <Link to="/tasks">← {t("prevention.task.back")}</Link>
      </p>
      <h1>{task.institution.name}</h1>
      <p className="muted">
        {task.planName} ·{" "}
        {t("prevention.tasks.window", {
          date: task.occurrenceDate,
          start: shanghaiTime(task.startsAt),
          end: shanghaiTime(task.endsAt),
        })}
        {task.overdue && <span className="badge inspection-badge--overdue">{t("prevention.tasks.overdue")}</span>}
      </p>
      <p className="muted">{task.institution.address}</p>

      <section className="card">
        {task.checkIn ? (
          <p className={task.checkIn.far ? "form__error" : ""}>
            {t("prevention.task.checkedIn", { distance: task.checkIn.distanceMeters })}
            {task.checkIn.far && <> · {t("prevention.task.far")}</>}
          </p>
        ) : (
          <p className="muted">{t("prevention.task.noCheckIn")}</p>
        )}
        {!done && (
          <button type="button" className="button-primary" onClick={checkIn} disabled={busy}>
            {busy ? t("prevention.task.checkingIn") : t("prevention.task.checkIn")}
          </button>
        )}
      </section>

      <section className="card">
        <h2>{t("prevention.task.checklist")}</h2>
        <ul className="inspection-checklist">
          {task.checklist.map((item, index) => (
            <li key={item}>
              <fieldset disabled={done}>
                <legend>
                  {index + 1}. {item}
                </legend>
                {CHECK_RESULTS.map((result) => (
                  <label key={result} className="inspection-choice">
                    <input
                      type="radio"
                      name={`item-${index}`}
                      checked={answers.some((answer) => answer.index === index && answer.result === result)}
                      onChange={() => setAnswer(index, result)}
                    />
                    {t(`prevention.task.results.${result}`)}
                  </label>
                ))}
              </fieldset>
            </li>
          ))}
        </ul>
      </section>

      <section className="card">
        <h2>{t("prevention.task.findings")}</h2>
        {findings.map((finding, index) => (
          <div key={finding.id ?? `new-${index}`} className="inspection-finding">
            <textarea
              aria-label={t("prevention.task.findingPlaceholder")}
              placeholder={t("prevention.task.findingPlaceholder")}
              value={finding.text}
              disabled={done || !!finding.eventId}
              onChange={(event) =>
                setFindings((current) => current.map((f, i) => (i === index ? { ...f, text: event.target.value } : f)))
              }
            />
            {finding.photoIds.length > 0 && (
              <div className="inspection-photos">
                {finding.photoIds.map((photoId, n) => (
                  <img
                    key={photoId}
                    src={`/api/attachments/${photoId}`}
                    alt={t("prevention.task.photoAlt", { n: n + 1 })}
                    width={72}
                    height={72}
                  />
                ))}
              </div>
            )}
            {!done && !finding.eventId && (
              <label className="inspection-photo-input">
                {t("prevention.task.addPhoto")}
                <input
                  type="file"
                  accept="image/*"
                  capture="environment"
                  multiple
                  onChange={(event) => void addPhotos(index, event.target.files)}
                />
              </label>
            )}
            <div className="inspection-finding__actions">
              {finding.eventId ? (
                <Link to={`/events/${finding.eventId}`}>{t("prevention.task.eventRaised")}</Link>
              ) : finding.id ? (
                <Link to={reportLink(task, finding)} className="button-secondary">
                  {t("prevention.task.raiseEvent")}
                </Link>
              ) : null}
              {!done && !finding.eventId && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setFindings((current) => current.filter((_, i) => i !== index))}
                >
                  {t("prevention.task.removeFinding")}
                </button>
              )}
            </div>
          </div>
        ))}
        {!done && (
          <button
            type="button"
            className="link-button"
            onClick={() => setFindings((current) => [...current, { text: "", photoIds: [] }])}
          >
            + {t("prevention.task.addFinding")}
          </button>
        )}
      </section>

      <FormMessage message={message} />
      {!done && (
        <div className="inspection-actions">
          <button type="button" className="button-secondary" onClick={save} disabled={busy}>
            {t("prevention.task.save")}
          </button>
          <button type="button" className="button-primary" onClick={complete} disabled={busy}>
            {t("prevention.task.complete")}
          </button>
        </div>
      )}
    </main>
  );
}
