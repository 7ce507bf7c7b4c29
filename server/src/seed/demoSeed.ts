import { DEFAULT_DEPARTMENTS, type Role } from "@gridrisk/shared";
import mongoose from "mongoose";
import { hashPassword } from "../auth/passwords";
import { importTerritory } from "../commands/territoryImporter";
import { insertValidated } from "../database/bulkInsert";
import { loadRecentEvents } from "../events/recentEvents";
import { createLogger } from "../logging/logger";
import { metricsStore } from "../metrics/metricsStore";
import { DepartmentModel } from "../models/department";
import { EventModel } from "../models/event";
import { UserModel } from "../models/user";
import { generateDemoCity } from "../territory/demoCity/generateDemoCity";
import { territory } from "../territory/territoryCache";
import type { RegionSummary } from "../territory/territoryRegistry";
import { seedDemoEvents } from "./seedDemoEvents";
import { seedDemoInstitutions } from "./seedDemoInstitutions";

const log = createLogger("seed");

/** A demo account printed at start. */
export interface DemoAccount {
  username: string;
  description: string;
}

export interface SeedResult {
  /** True when this call seeded; false when the database was seeded before. */
  seededNow: boolean;
  password: string;
  accounts: DemoAccount[];
}

const MARKER_COLLECTION = "system_markers";
const MARKER_ID = "demo-seed";
/** The district the demo officers work in: 清江浦区, the city centre. */
const DEMO_DISTRICT_CODE = "320812";
/** Historical events over the last quarter, so that the map and the figures show something real. */
const DEMO_EVENTS = { count: 3000, days: 90 } as const;

function childrenOf(parent: RegionSummary): RegionSummary[] {
  return [...territory().all()]
    .filter((region) => region.parentId === parent.id)
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

function firstGridOf(township: RegionSummary): RegionSummary {
  const community = childrenOf(township)[0];
  const grid = community && childrenOf(community)[0];
  if (!grid) throw new Error(`Township ${township.code} has no grid`);
  return grid;
}

/** Every default department for the city and for each district. Idempotent. */
export async function seedDepartments(): Promise<void> {
  const serving = [...territory().all()].filter((region) => region.level === "city" || region.level === "district");
  const existing = new Set(
    (await DepartmentModel.find({}, { regionId: 1, code: 1 }).lean()).map(
      (d) => `${d.regionId.toHexString()}/${d.code}`,
    ),
  );
  const missing = serving.flatMap((region) =>
    DEFAULT_DEPARTMENTS.filter((department) => !existing.has(`${region.id}/${department.code}`)).map((department) => ({
      ...department,
      regionId: new mongoose.Types.ObjectId(region.id),
      regionPath: [...region.ancestors, region.id].map((id) => new mongoose.Types.ObjectId(id)),
    })),
  );
  // Through the model layer: defaults (`active`) and timestamps stored, as for any other department.
  if (missing.length) await insertValidated(DepartmentModel, missing);
}

/** The demo accounts, as the README lists them. Idempotent: existing accounts are left alone. */
async function seedAccounts(password: string): Promise<DemoAccount[]> {
  const registry = territory();
  const city = [...registry.all()].find((region) => region.level === "city");
  const district = registry.getByCode(DEMO_DISTRICT_CODE);
  if (!city || !district) throw new Error("The demo city is not loaded");
  const [township, township2] = childrenOf(district);
  if (!township || !township2) throw new Error(`District ${DEMO_DISTRICT_CODE} needs two townships`);
  const grid = firstGridOf(township);
  const grid2 = firstGridOf(township2);
  const departments = await DepartmentModel.find({ regionId: district.id }).lean();
  const departmentId = (code: string) => departments.find((department) => department.code === code)?._id;

  const accounts: {
    username: string;
    name: string;
    role: Role;
    scope: string[];
    departmentCode?: string;
    description: string;
  }[] = [
    {
      username: "admin",
      name: "系统管理员",
      role: "admin",
      scope: [city.id],
      description: `administrator, ${city.name}`,
    },
    {
      username: "city",
      name: "市指挥中心",
      role: "city_monitor",
      scope: [city.id],
      description: `city command centre, ${city.name}`,
    },
    {
      username: "supervisor",
      name: "市人大监督员",
      role: "supervisor",
      scope: [city.id],
      description: `oversight, all of ${city.name}`,
    },
    {
      username: "district",
      name: `${district.name}指挥中心`,
      role: "district_officer",
      scope: [district.id],
      description: `district officer, ${district.name}`,
    },
    {
      username: "township",
      name: `${township.name}值班员`,
      role: "township_officer",
      scope: [township.id],
      description: `duty officer, ${township.name}`,
    },
    {
      username: "township2",
      name: `${township2.name}值班员`,
      role: "township_officer",
      scope: [township2.id],
      description: `duty officer, ${township2.name}`,
    },
    {
      username: "grid",
      name: `${grid.name}网格员`,
      role: "grid_worker",
      scope: [grid.id],
      description: `grid worker, ${grid.name}`,
    },
    {
      username: "grid2",
      name: `${grid2.name}网格员`,
      role: "grid_worker",
      scope: [grid2.id],
      description: `grid worker, ${grid2.name}`,
    },
    {
      username: "dept.education",
      name: `${district.name}教育局`,
      role: "department_handler",
      scope: [district.id],
      departmentCode: "education",
      description: `education bureau, ${district.name}`,
    },
    {
      username: "dept.market",
      name: `${district.name}市场监管局`,
      role: "department_handler",
      scope: [district.id],
      departmentCode: "market",
      description: `market regulation, ${district.name}`,
    },
  ];
  const passwordHash = await hashPassword(password);
  const existing = new Set((await UserModel.find({}, { username: 1 }).lean()).map((user) => user.username));
  const missing = accounts
    .filter((account) => !existing.has(account.username))
    .map((account) => ({
      username: account.username,
      name: account.name,
      role: account.role,
      scope: account.scope.map((id) => new mongoose.Types.ObjectId(id)),
      departmentId: account.departmentCode ? departmentId(account.departmentCode) : null,
      passwordHash,
      active: true,
    }));
  if (missing.length) await insertValidated(UserModel, missing);
  return accounts.map(({ username, description }) => ({ username, description }));
}

/**
 * Seeds the demo city, its departments, the demo accounts, about 800 institutions and 3,000
 * historical events once per
 * database, remembered by a marker document. Every step is idempotent, so a seed interrupted
 * half-way completes on the next start.
 */
export async function seedDemoDataOnFirstRun(options: { demoPassword: string; seed?: number }): Promise<SeedResult> {
  const db = mongoose.connection.db;
  if (!db) throw new Error("seedDemoDataOnFirstRun needs a connected database");
  const markers = db.collection<{ _id: string; seededAt: Date }>(MARKER_COLLECTION);
  const existing = await markers.findOne({ _id: MARKER_ID });
  if (existing) {
    return { seededNow: false, password: options.demoPassword, accounts: await listDemoAccounts() };
  }
  const started = Date.now();
  const result = await importTerritory(generateDemoCity({ seed: options.seed ?? 1 }), { dryRun: false });
  if (!result.report.ok) throw new Error(`The demo city is invalid: ${result.report.errors[0]?.message}`);
  await seedDepartments();
  const accounts = await seedAccounts(options.demoPassword);
  const institutions = await seedDemoInstitutions(options.seed ?? 1);
  const eventsStarted = Date.now();
  const events = (await EventModel.exists({})) ? 0 : await seedDemoEvents({ seed: options.seed ?? 1, ...DEMO_EVENTS });
  log.info("demo events seeded", { events, durationMs: Date.now() - eventsStarted });
  // The events were written in bulk, past the domain events: the in-memory views read them afresh.
  metricsStore.invalidate();
  await loadRecentEvents();
  await markers.insertOne({ _id: MARKER_ID, seededAt: new Date() });
  log.info("demo data seeded", { regions: territory().size, institutions, durationMs: Date.now() - started });
  return { seededNow: true, password: options.demoPassword, accounts };
}

const DEMO_USERNAMES = [
  "admin",
  "city",
  "supervisor",
  "district",
  "township",
  "township2",
  "grid",
  "grid2",
  "dept.education",
  "dept.market",
];

/** The demo accounts that exist, for printing at a later start. */
async function listDemoAccounts(): Promise<DemoAccount[]> {
  const users = await UserModel.find(
    { username: mongoose.trusted({ $in: DEMO_USERNAMES }) },
    { username: 1, name: 1, role: 1 },
  ).lean();
  return DEMO_USERNAMES.flatMap((username) => {
    const user = users.find((candidate) => candidate.username === username);
    return user ? [{ username, description: `${user.role}, ${user.name}` }] : [];
  });
}
