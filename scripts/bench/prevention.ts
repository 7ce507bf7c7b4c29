/**
 * Benchmark: the prevention reads on a demo-sized database. Seeds what `npm start` seeds (the demo
 * city, about 800 institutions, 3,000 historical events), adds the demo district's daily
 * district-wide inspection plan (about 30 days × the district's institutions of tasks) and times
 * a grid worker's "my tasks" (GET /api/inspection-tasks?mine=true) and an institution's risk
 * profile (GET /api/institutions/:id/risk-profile), each the median of several calls.
 * Target: both under 500 ms at the median.
 * Run: npm run bench:prevention
 */
import { EventModel } from "@gridrisk/server/models/event";
import { InspectionTaskModel } from "@gridrisk/server/models/inspectionTask";
import { InstitutionModel } from "@gridrisk/server/models/institution";
import { UserModel } from "@gridrisk/server/models/user";
import { seedDemoDataOnFirstRun } from "@gridrisk/server/seed/demoSeed";
import { territory } from "@gridrisk/server/territory/territoryCache";
import mongoose from "mongoose";
import { report } from "./benchReport";
import { startEmptyBenchServer, timedCalls } from "./benchServer";

const CALLS = Number(process.env.BENCH_CALLS ?? 7);
const TARGET_MS = 500;
const PASSWORD = "bench-password-123";

const bench = await startEmptyBenchServer("bench_prevention");
const { server } = bench;
try {
  const seedStarted = performance.now();
  await seedDemoDataOnFirstRun({ demoPassword: PASSWORD });
  const seedMs = performance.now() - seedStarted;

  const call = async (method: string, url: string, token: string, body?: unknown) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return JSON.parse(text || "{}");
  };
  const signIn = async (username: string) =>
    (await call("POST", "/api/auth/login", "", { username, password: PASSWORD })).token as string;
  const districtRegion = [...territory().all()].find((region) => region.code === "320812");
  if (!districtRegion) throw new Error("the demo district is missing");
  // The grid worker walks the district's grid with the most institutions, so "my tasks" is not small.
  const perGrid = new Map<string, number>();
  for (const doc of await InstitutionModel.find({ regionPath: districtRegion.id }, { gridId: 1 }).lean()) {
    perGrid.set(String(doc.gridId), (perGrid.get(String(doc.gridId)) ?? 0) + 1);
  }
  const [busiestGrid = ""] = [...perGrid.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  await UserModel.updateOne({ username: "grid" }, { $set: { scope: [new mongoose.Types.ObjectId(busiestGrid)] } });
  const district = await signIn("district");
  const grid = await signIn("grid");
  const planStarted = performance.now();
  const plan = await call("POST", "/api/inspection-plans", district, {
    name: "日常巡查（全区）",
    regionId: districtRegion.id,
    scope: { regionIds: [districtRegion.id] },
    recurrence: { startDate: "2026-01-01", rrule: "FREQ=DAILY" },
    window: { start: "00:00", end: "23:59" },
    assignee: { kind: "grid_worker" },
    checklist: ["办学许可证公示", "收费公示", "消防通道畅通"],
  });
  const planMs = performance.now() - planStarted;
  const tasks = await InspectionTaskModel.estimatedDocumentCount();
  const events = await EventModel.estimatedDocumentCount();

  // The institution with the most events in the district: the heaviest profile.
  const counts = new Map<string, number>();
  for (const event of await EventModel.find({ regionPath: districtRegion.id }, { institutionId: 1 }).lean()) {
    if (event.institutionId)
      counts.set(String(event.institutionId), (counts.get(String(event.institutionId)) ?? 0) + 1);
  }
  const [institutionId] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [""];

  const time = (work: () => Promise<unknown>) => timedCalls(CALLS, work);
  let mine = 0;
  const myTasks = await time(async () => {
    mine = (await call("GET", "/api/inspection-tasks?mine=true", grid)).items.length;
  });
  const profile = await time(() => call("GET", `/api/institutions/${institutionId}/risk-profile`, district));
  const round = (ms: number) => Math.round(ms);
  const met = myTasks.p50 < TARGET_MS && profile.p50 < TARGET_MS;
  await report(
    {
      database: bench.backend,
      seedSeconds: round(seedMs / 1000),
      events,
      inspectionTasks: tasks,
      planCreateMs: round(planMs),
      planId: plan.plan.id,
      myTasks: { listed: mine, p50Ms: round(myTasks.p50), maxMs: round(myTasks.max) },
      riskProfile: {
        institutionId,
        events: counts.get(institutionId),
        p50Ms: round(profile.p50),
        maxMs: round(profile.max),
      },
    },
    `prevention: my tasks ${round(myTasks.p50)} ms, risk profile ${round(profile.p50)} ms at the median over ${tasks} tasks and ${events} events (target < ${TARGET_MS} ms) ${met ? "MET" : "MISSED"}`,
  );
} catch (error) {
  // Print it before stopping: queries still running then fail too and would hide it.
  process.stderr.write(`prevention bench failed: ${(error as Error).stack}\n`);
  process.exitCode = 1;
} finally {
  await bench.stop();
}
