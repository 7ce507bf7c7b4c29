import { eventCategories, violationCategories } from "@gridrisk/server/commands/catalogs";
import { connectDatabase, disconnectDatabase } from "@gridrisk/server/database/connection";
import { ensureIndexes } from "@gridrisk/server/database/ensureIndexes";
import { forgetEvent } from "@gridrisk/server/events/eventCache";
import { resetEventCodes } from "@gridrisk/server/events/eventCodes";
import { recentEvents } from "@gridrisk/server/events/recentEvents";
import "@gridrisk/server/models";
import { forgetActiveWebhooks } from "@gridrisk/server/webhooks/activeWebhooks";
import mongoose from "mongoose";

let fileCounter = 0;

/** URI of the test server with a database name of its own. */
export function testDatabaseUri(name: string): string {
  const base = process.env.TEST_MONGODB_URI;
  if (!base) throw new Error("TEST_MONGODB_URI is not set: run the tests through mocha (npm test).");
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Gives the current test file a clean database: connected before its first test, dropped
 * before and after, disconnected at the end. Returns a getter for the URI.
 */
export function useTestDatabase(): () => string {
  let uri = "";
  before(async () => {
    fileCounter += 1;
    uri = testDatabaseUri(`gridrisk_test_${process.pid}_${fileCounter}`);
    await connectDatabase(uri);
    await mongoose.connection.dropDatabase();
    await ensureIndexes();
    resetEventCodes();
    recentEvents.clear();
    forgetEvent();
    eventCategories.forget();
    violationCategories.forget();
    forgetActiveWebhooks();
  });
  after(async () => {
    if (mongoose.connection.readyState === 1) await mongoose.connection.dropDatabase();
    await disconnectDatabase();
  });
  return () => uri;
}
