import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/http";
import { type InspectionTask, shanghaiTime, taskPath, useInspectionChanges } from "../../inspections/taskTypes";
import "../../inspections/inspections.css";

/** The assignee's inspection tasks ("my tasks"), soonest first, riskiest first within a window; live. */
export function InspectionTasksPage() {
  const { t } = useTranslation();
  const [tasks, setTasks] = useState<InspectionTask[] | undefined>();
  const [error, setError] = useState(false);
  const load = useCallback(() => {
    setError(false);
    api<{ items: InspectionTask[] }>("/api/inspection-tasks?mine=true").then(
      (answer) => setTasks(answer.items),
      () => setError(true),
    );
  }, []);
  useEffect(load, [load]);
  useInspectionChanges(
    useCallback((change) => {
      setTasks((current) =>
        current?.map((task) =>
          task.id === change.task.id && change.task.version > task.version
            ? ({ ...task, ...change.task } as InspectionTask)
            : task,
        ),
      );
    }, []),
  );

  return (
    <main id="main" className="page">
      <h1>{t("prevention.tasks.heading")}</h1>
      <p className="lead">{t("prevention.tasks.lead")}</p>
      {error && (
        <p className="form__error" role="alert">
          {t("prevention.loadFailed")}{" "}
          <button type="button" className="link-button" onClick={load}>
            {t("prevention.retry")}
          </button>
        </p>
      )}
      {!tasks && !error && <p aria-busy="true">{t("prevention.loading")}</p>}
      {tasks?.length === 0 && <p>{t("prevention.tasks.empty")}</p>}
      {tasks && tasks.length > 0 && (
        <ul className="mine-list">
          {tasks.map((task) => (
            <li key={task.id} className={`card mine-list__item${task.overdue ? " inspection--overdue" : ""}`}>
              <Link to={taskPath(task.id)} className="mine-list__title">
                {task.institution.name}
              </Link>
              <div className="mine-list__meta">
                <span>{task.planName}</span>
                <span className={`badge inspection-status--${task.status}`}>
                  {t(`prevention.tasks.status.${task.status}`)}
                </span>
                {task.overdue && (
                  <span className="badge inspection-badge--overdue">{t("prevention.tasks.overdue")}</span>
                )}
              </div>
              <div className="muted">
                {t("prevention.tasks.window", {
                  date: task.occurrenceDate,
                  start: shanghaiTime(task.startsAt),
                  end: shanghaiTime(task.endsAt),
                })}{" "}
                · {t("prevention.tasks.risk", { score: task.riskScore })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
