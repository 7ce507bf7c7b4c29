import { useTranslation } from "react-i18next";

/** A workspace not built yet: says so plainly instead of a blank page. */
export function ComingSoonPage({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="page">
      <h1>{t(title)}</h1>
      <p className="lead">{t("comingSoon")}</p>
    </main>
  );
}
