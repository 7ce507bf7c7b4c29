/**
 * `npm run simulate`: keeps the demo alive through the HTTP API, as the demo accounts would:
 * grid workers report risks in their grids, township officers claim, dispatch, resolve and close,
 * department handlers accept and complete their tasks. SIMULATE_RATE steps per minute (default
 * 30), against SIMULATE_URL (default http://localhost:3000), password DEMO_PASSWORD.
 */
import { randomUUID } from "node:crypto";

const BASE = process.env.SIMULATE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const RATE = Number(process.env.SIMULATE_RATE ?? 30);
const PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password";
const REPORTERS = ["grid", "grid2"];
const MOVERS = ["township", "township2", "dept.education", "dept.market"];
const CATEGORIES = ["unlicensed_training", "prepaid_fee_risk", "safety_hazard", "refund_dispute", "over_hours"];
const TITLES: Record<string, string> = {
  unlicensed_training: "民房内疑似无证开展学科类培训",
  prepaid_fee_risk: "机构推销大额预付课时包",
  safety_hazard: "培训场所消防通道堵塞",
  refund_dispute: "家长反映机构拖延退费",
  over_hours: "机构晚间超时培训",
};

interface Session {
  token: string;
  me: { id: string; role: string; scope: string[]; departmentId?: string };
}
interface EventDetail {
  id: string;
  code: string;
  version: number;
  severity: string;
  category: string;
  gridId: string;
  availableActions: string[];
  tasks: { id: string; departmentId: string; status: string }[];
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const say = (text: string) => {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
};

async function call<T>(
  session: Session | undefined,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${BASE}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      "Content-Type": "application/json",
      ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
      ...(path === "/api/events" && body ? { "Idempotency-Key": randomUUID() } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function signIn(username: string): Promise<Session> {
  const login = await call<{ token: string }>(undefined, "/api/auth/login", { username, password: PASSWORD });
  if (login.status !== 200) throw new Error(`sign-in of ${username} failed (${login.status})`);
  const session = { token: login.body.token, me: { id: "", role: "", scope: [] } } as Session;
  session.me = (await call<Session["me"]>(session, "/api/me")).body;
  return session;
}

/** A grid worker reports at a random point of one of their grids. */
async function reportOne(worker: Session): Promise<void> {
  const gridId = pick(worker.me.scope);
  const { body } = await call<{
    region: { bbox?: { minLng: number; minLat: number; maxLng: number; maxLat: number } };
  }>(worker, `/api/regions/${gridId}`);
  const box = body.region.bbox;
  if (!box) return;
  const category = pick(CATEGORIES);
  for (let attempt = 0; attempt < 10; attempt++) {
    const lng = box.minLng + Math.random() * (box.maxLng - box.minLng);
    const lat = box.minLat + Math.random() * (box.maxLat - box.minLat);
    const res = await call<{ event?: { code: string } }>(worker, "/api/events", {
      title: TITLES[category],
      description: "模拟上报：网格员巡查发现，需研判处置。",
      category,
      severity: pick(["general", "general", "major", "serious"]),
      location: { type: "Point", coordinates: [lng, lat] },
    });
    if (res.status === 201) {
      say(`reported ${res.body.event?.code}`);
      return;
    }
  }
}

/** The body of the next step this actor may take on the event, or undefined. */
function nextStep(actor: Session, event: EventDetail, departments: { id: string; code: string }[]) {
  const mine = (status: string) =>
    event.tasks.find((task) => task.departmentId === actor.me.departmentId && task.status === status);
  const can = (action: string) => event.availableActions.includes(action);
  if (can("claim")) return { action: "claim" };
  if (can("assess")) {
    const lead = departments.find(
      (department) =>
        department.code ===
        (event.category.includes("training") || event.category === "over_hours" ? "education" : "market"),
    );
    if (!lead) return undefined;
    return {
      action: "assess",
      severity: event.severity,
      decision: "dispatch",
      tasks: [{ departmentId: lead.id, role: "lead" }],
    };
  }
  if (can("accept_task") && mine("pending")) return { action: "accept_task", taskId: mine("pending")?.id };
  if (can("complete_task") && mine("accepted")) {
    return { action: "complete_task", taskId: mine("accepted")?.id, result: "已现场检查并督促整改到位。" };
  }
  if (can("resolve")) return { action: "resolve", summary: "部门处置完毕，确认办结。" };
  if (can("record_follow_up")) return { action: "record_follow_up", outcome: "effective", note: "回访确认整改到位。" };
  return undefined;
}

/** One actor moves one of the events it can act on a step further. */
async function moveOne(actor: Session): Promise<void> {
  const list = await call<{ items: { id: string }[] }>(
    actor,
    "/api/events?status=reported,assessing,dispatched,handling,resolved&sort=deadline&limit=30",
  );
  for (const item of [...list.body.items].sort(() => Math.random() - 0.5).slice(0, 5)) {
    const { body } = await call<{ event: EventDetail }>(actor, `/api/events/${item.id}`);
    const departments = (
      await call<{ items: { id: string; code: string }[] }>(actor, `/api/departments?region=${body.event.gridId}`)
    ).body.items;
    const step = nextStep(actor, body.event, departments);
    if (!step) continue;
    const res = await call(actor, `/api/events/${item.id}/actions`, { ...step, expectedVersion: body.event.version });
    say(`${actor.me.role} ${step.action} ${body.event.code}: ${res.status}`);
    return;
  }
}

const reporters = await Promise.all(REPORTERS.map(signIn));
const movers = await Promise.all(MOVERS.map(signIn));
say(`simulating at ${RATE} steps per minute against ${BASE}; Ctrl-C to stop`);
let stopped = false;
process.on("SIGINT", () => {
  stopped = true;
});
while (!stopped) {
  const started = Date.now();
  try {
    if (Math.random() < 0.35) await reportOne(pick(reporters));
    else await moveOne(pick(movers));
  } catch (error) {
    say(`step failed: ${(error as Error).message}`);
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 60_000 / RATE - (Date.now() - started))));
}
