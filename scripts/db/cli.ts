/** `npm run db`: starts the database alone (as `npm start` would) and prints its URI. */
import { launchDatabase } from "./databaseLauncher";
import { launchOptionsFromEnv } from "./launchOptionsFromEnv";

const purpose = process.argv.includes("--throwaway") ? "test" : "app";
const database = await launchDatabase(launchOptionsFromEnv(process.env, purpose));
process.stdout.write(`${database.uri}\n`);
const shutdown = async (): Promise<void> => {
  await database.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
setInterval(() => undefined, 1 << 30);
