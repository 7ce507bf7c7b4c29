// Materialises one plan in a process of its own, for the concurrency test: prints what it inserted.
import { connectDatabase, disconnectDatabase } from "@gridrisk/server/database/connection";
import { materialisePlan } from "@gridrisk/server/inspections/taskMaterialiser";
import { configureLogging } from "@gridrisk/server/logging/logger";
import { type InspectionPlanDoc, InspectionPlanModel } from "@gridrisk/server/models/inspectionPlan";

const { MATERIALISE_URI = "", MATERIALISE_PLAN = "", MATERIALISE_NOW = "" } = process.env;
configureLogging({ level: "error", format: "json", silent: true });
await connectDatabase(MATERIALISE_URI);
const plan = (await InspectionPlanModel.findById(MATERIALISE_PLAN).lean()) as InspectionPlanDoc;
const result = await materialisePlan(plan, new Date(MATERIALISE_NOW));
process.stdout.write(`${JSON.stringify(result)}\n`);
await disconnectDatabase();
