import { DEFAULT_EVENT_CATEGORIES, polygonsOf, type Severity } from "@gridrisk/shared";
import pointInPolygon from "point-in-polygon-hao";
import { insertValidated } from "../database/bulkInsert";
import { nextEventCode } from "../events/eventCodes";
import { assessmentDeadline, defaultHandlingDeadline, followUpDeadline } from "../events/eventDeadlines";
import { DepartmentModel } from "../models/department";
import { EventModel } from "../models/event";
import { InstitutionModel } from "../models/institution";
import { RegionModel } from "../models/region";
import { createSeededRandom, randomBetween, randomItem, type SeededRandom } from "../territory/demoCity/seededRandom";
import { fromStoredBoundary } from "../territory/storedBoundary";
import { territory } from "../territory/territoryCache";
import type { RegionSummary } from "../territory/territoryRegistry";
import { eventDocument, type Place } from "./demoEventDocument";
import { type HistoryClocks, planEventHistory } from "./demoEventHistory";
import { demoEventText, LEAD_DEPARTMENT } from "./demoEventTexts";
import { randomWeighted } from "./randomDraws";

const DAY = 86_400_000;
const SEVERITY_WEIGHTS: Record<Severity, number> = { general: 62, major: 27, serious: 9, very_serious: 2 };
const clocks: HistoryClocks = {
  assessment: assessmentDeadline,
  handling: defaultHandlingDeadline,
  followUp: followUpDeadline,
};

async function loadPlaces(random: SeededRandom): Promise<{ institutions: Place[]; gridPoint: () => Place }> {
  const registry = territory();
  const institutions = (await InstitutionModel.find({ deletedAt: null }, { name: 1, lng: 1, lat: 1, gridId: 1 }).lean())
    .map((doc) => ({ doc, grid: registry.get(String(doc.gridId)) }))
    .filter((item): item is typeof item & { grid: RegionSummary } => item.grid !== undefined)
    .map(({ doc, grid }) => ({ lng: doc.lng, lat: doc.lat, grid, name: doc.name, institutionId: doc._id }));
  const grids = (await RegionModel.find({ level: "grid" }, { code: 1, boundary: 1 }).lean()).flatMap((doc) => {
    const grid = registry.getByCode(doc.code);
    return grid?.bbox && doc.boundary ? [{ grid, polygons: polygonsOf(fromStoredBoundary(doc.boundary)) }] : [];
  });
  const gridPoint = (): Place => {
    const { grid, polygons } = randomItem(random, grids);
    const box = grid.bbox as NonNullable<RegionSummary["bbox"]>;
    for (let attempt = 0; attempt < 30; attempt++) {
      const lng = Math.round(randomBetween(random, box.minLng, box.maxLng) * 1e6) / 1e6;
      const lat = Math.round(randomBetween(random, box.minLat, box.maxLat) * 1e6) / 1e6;
      if (polygons.some((rings) => pointInPolygon([lng, lat], rings) === true)) {
        return { lng, lat, grid, name: grid.name, institutionId: null };
      }
    }
    return { ...grid.centroid, grid, name: grid.name, institutionId: null };
  };
  return { institutions, gridPoint };
}

/** A report time in the last `days` days, mostly in working hours (China time). */
function reportTime(random: SeededRandom, now: number, days: number): Date {
  const day = Math.floor(random() * days);
  const hour = randomWeighted(random, {
    "8": 2,
    "9": 4,
    "10": 5,
    "11": 4,
    "14": 4,
    "15": 5,
    "16": 4,
    "19": 2,
    "21": 1,
  });
  const midnightChina = Math.floor((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000;
  const time = midnightChina - day * DAY + Number(hour) * 3600_000 + random() * 3600_000;
  // Today's later hours have not come yet: those reports were made the day before.
  return new Date(time < now ? time : time - DAY * (1 + Math.floor(random() * (days - 1))));
}

/** Per district: how often its stages run late and how its categories lean, so districts differ. */
function districtTraits(random: SeededRandom, districts: RegionSummary[]) {
  return new Map(
    districts.map((district) => [
      district.id,
      {
        lateChance: randomBetween(random, 0.04, 0.3),
        categories: Object.fromEntries(
          DEFAULT_EVENT_CATEGORIES.map((code) => [
            code,
            (code === "other" ? 0.4 : 1) * randomBetween(random, 0.3, 1.7),
          ]),
        ) as Record<string, number>,
      },
    ]),
  );
}

/** How many events, over how many days up to `now`, from which seed. */
export interface DemoEventOptions {
  seed: number;
  count: number;
  days: number;
  now?: Date;
}

/**
 * Seeds `count` historical events over the last `days` days, each with a consistent hash-chained
 * timeline, deadlines, tasks and overdue marks, written through the model layer (insertValidated). Events whose
 * planned steps lie in the future stay open at the stage reached by now.
 */
export async function seedDemoEvents(options: DemoEventOptions): Promise<number> {
  const docs = await generateDemoEventDocuments(options);
  await insertValidated(EventModel, docs);
  return docs.length;
}

/** The documents seedDemoEvents writes (codes reserved, nothing else written). */
export async function generateDemoEventDocuments(options: DemoEventOptions) {
  const random = createSeededRandom(options.seed * 7919 + 17);
  const now = options.now?.getTime() ?? Date.now();
  const registry = territory();
  const districts = [...registry.all()].filter((region) => region.level === "district");
  const traits = districtTraits(random, districts);
  const { institutions, gridPoint } = await loadPlaces(random);
  const departments = new Map(
    (await DepartmentModel.find({}, { regionId: 1, code: 1, name: 1 }).lean()).map((d) => [
      `${d.regionId}/${d.code}`,
      { id: d._id, name: `${territory().get(String(d.regionId))?.name ?? ""}${d.name}` },
    ]),
  );
  const times = Array.from({ length: options.count }, () => reportTime(random, now, options.days)).sort(
    (a, b) => a.getTime() - b.getTime(),
  );
  const docs = [];
  for (const reportedAt of times) {
    const place = institutions.length && random() < 0.55 ? randomItem(random, institutions) : gridPoint();
    const path = registry.pathOf(place.grid.id);
    const district = path.find((region) => region.level === "district");
    const township = path.find((region) => region.level === "township");
    const trait = district && traits.get(district.id);
    if (!district || !township || !trait) continue;
    const category = randomWeighted(random, trait.categories);
    const severity = randomWeighted(random, SEVERITY_WEIGHTS);
    const plan = planEventHistory(random, reportedAt, severity, clocks, trait.lateChance);
    const steps = plan.steps.filter((step) => step.at.getTime() <= now);
    const department = departments.get(`${district.id}/${LEAD_DEPARTMENT[category] ?? "market"}`);
    docs.push({
      ...eventDocument({ place, path, township, district, category, severity, steps, plan, department, now }),
      code: await nextEventCode(reportedAt),
      ...demoEventText(random, category, place.name),
    });
  }
  return docs;
}
