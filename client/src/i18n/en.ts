import type { zhCN } from "./zhCN";

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English; the type keeps it key-for-key with zh-CN. */
export const en: Shape<typeof zhCN> = {
  app: {
    title: "Grid risk event management",
    subtitle: "Off-campus training risks · prior assessment · joint handling · follow-up",
    skipToContent: "Skip to main content",
  },
  language: { label: "Language", zh: "中文", en: "English" },
  connection: { live: "Live", reconnecting: "Reconnecting", offline: "Offline", signedOut: "Not signed in" },
  status: {
    heading: "System status",
    server: "Server",
    database: "Database",
    checking: "Checking…",
    up: "Up",
    down: "Unavailable",
    version: "Version {{version}}",
    checkedAt: "Checked at {{time}}",
    retry: "Check again",
  },
  stages: {
    heading: "How work flows",
    assessment: {
      name: "Prior assessment",
      text: "The township duty officer judges a reported risk: real or not, how severe, who must act.",
    },
    handling: {
      name: "Joint handling",
      text: "A lead department and assisting departments act together, each reporting back with evidence.",
    },
    followUp: {
      name: "Follow-up",
      text: "Someone goes back later: did it hold, did it recur, was the reporter satisfied?",
    },
  },
  footer: "Territorial management · prevention first · lawful investigation · rapid response",
  comingSoon: "This workspace is being built.",
  login: {
    title: "Sign in",
    username: "Username",
    password: "Password",
    submit: "Sign in",
    signingIn: "Signing in…",
    missing: "Enter your username and password.",
    wrong: "Wrong username or password.",
    locked: "Too many failed attempts; try again later.",
    failed: "Sign-in failed; check the network and try again.",
  },
  nav: {
    label: "Main navigation",
    report: "Report a risk",
    mine: "My reports",
    desk: "Duty desk",
    inbox: "Task inbox",
    event: "Event",
    status: "System status",
    signOut: "Sign out",
  },
  roles: {
    grid_worker: "Grid worker",
    township_officer: "Township duty officer",
    department_handler: "Department",
    district_officer: "District command centre",
    city_monitor: "City command centre",
    supervisor: "Supervisor",
    admin: "Administrator",
  },
};
