import type { Role } from "@gridrisk/shared";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { useAuth } from "../auth/AuthContext";
import { ConnectionIndicator } from "../components/ConnectionIndicator";
import { LanguageSwitch } from "../components/LanguageSwitch";

/** Navigation entries and the roles that see them. The server enforces access; this only hides. */
const NAV: { to: string; label: string; roles: readonly Role[] }[] = [
  {
    to: "/report",
    label: "nav.report",
    roles: ["grid_worker", "township_officer", "district_officer", "city_monitor"],
  },
  { to: "/desk", label: "nav.desk", roles: ["township_officer", "district_officer", "city_monitor", "supervisor"] },
  { to: "/inbox", label: "nav.inbox", roles: ["department_handler"] },
  { to: "/map", label: "map.nav", roles: ["city_monitor", "district_officer", "supervisor"] },
  { to: "/mine", label: "nav.mine", roles: ["grid_worker"] },
  { to: "/visits", label: "nav.visits", roles: ["grid_worker"] },
  { to: "/oversight", label: "oversight.nav", roles: ["district_officer", "city_monitor", "supervisor", "admin"] },
  { to: "/audit", label: "oversight.audit.nav", roles: ["supervisor", "admin"] },
  { to: "/status", label: "nav.status", roles: ["admin", "city_monitor", "supervisor"] },
  { to: "/tasks", label: "prevention.nav.tasks", roles: ["grid_worker", "department_handler"] },
  { to: "/plans", label: "prevention.nav.plans", roles: ["district_officer", "admin"] },
  {
    to: "/meetings",
    label: "prevention.nav.meetings",
    roles: ["district_officer", "city_monitor", "supervisor", "admin"],
  },
];

/** The shell: top bar with navigation, connection state, language and the user. */
export function AppLayout() {
  const { t } = useTranslation();
  const { me, signOut } = useAuth();
  const entries = NAV.filter((entry) => me && entry.roles.includes(me.role));
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
      {me && (
        <nav className="mainnav" aria-label={t("nav.label")}>
          {entries.map((entry) => (
            <NavLink key={entry.to} to={entry.to}>
              {t(entry.label)}
            </NavLink>
          ))}
          <span className="mainnav__user">
            {me.name} · {t(`roles.${me.role}`)}
          </span>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            {t("nav.signOut")}
          </button>
        </nav>
      )}
      <Outlet />
      <footer className="footer">{t("footer")}</footer>
    </>
  );
}
