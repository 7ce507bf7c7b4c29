import { useTranslation } from "react-i18next";
import { StatusPanel } from "../components/StatusPanel";

const STAGES = ["assessment", "handling", "followUp"] as const;

/** How work flows, and whether server and database are up. */
export function StatusPage() {
  const { t } = useTranslation();
  return (
    <main id="main" className="page">
      <h1>{t("app.title")}</h1>
      <p className="lead">{t("app.subtitle")}</p>
      <div className="grid">
        <section className="card" aria-labelledby="stages-heading">
          <h2 id="stages-heading">{t("stages.heading")}</h2>
          <ol className="stages">
            {STAGES.map((stage) => (
              <li key={stage}>
                <strong>{t(`stages.${stage}.name`)}</strong>
                <span>{t(`stages.${stage}.text`)}</span>
              </li>
            ))}
          </ol>
        </section>
        <StatusPanel />
      </div>
    </main>
  );
}
