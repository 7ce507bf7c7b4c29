import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "./env";

const SECRET_FILE = "token-secret";

/**
 * The token signing secret: TOKEN_SECRET when given (always in production), otherwise one generated
 * on the first development run and kept in DATA_DIR so that sessions survive restarts.
 */
export async function resolveTokenSecret(config: Config): Promise<string> {
  if (config.tokenSecret) return config.tokenSecret;
  const file = path.join(config.dataDir, SECRET_FILE);
  try {
    const stored = (await readFile(file, "utf8")).trim();
    if (stored.length >= 32) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = randomBytes(48).toString("base64url");
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
