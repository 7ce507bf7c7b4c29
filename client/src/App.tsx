import { useTranslation } from "react-i18next";
import { ConnectionIndicator } from "./components/ConnectionIndicator";
import { LanguageSwitch } from "./components/LanguageSwitch";
import { StatusPanel } from "./components/StatusPanel";

const STAGES = ["assessment", "handling", "followUp"] as const;

/** The application shell. */
export function App() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <div className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{t("app.title")}</span>
        </div>
        <div className="topbar__end">
          <ConnectionIndicator />
          <LanguageSwitch />
        </div>
      </header>
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
      <footer className="footer">{t("footer")}</footer>
    </>
  );
}
