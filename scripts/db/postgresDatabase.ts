import pg from "pg";

/** The same server URL pointing at another database. */
export function postgresDatabaseUrl(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function splitUrl(url: string): { adminUrl: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(database)) {
    throw new Error(`PostgreSQL database name "${database}" may only hold letters, digits and underscores.`);
  }
  parsed.pathname = "/postgres";
  return { adminUrl: parsed.toString(), database };
}

/** Creates the database named in the URL unless it exists. */
export async function createPostgresDatabase(url: string): Promise<void> {
  const { adminUrl, database } = splitUrl(url);
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot reach PostgreSQL at ${adminUrl}: ${(error as Error).message}`);
  }
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

/** Drops the database named in the URL, closing its connections. */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const { adminUrl, database } = splitUrl(url);
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
