/** Finding and running Go, which builds the embedded database's binaries. */
import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import path from "node:path";

/** Where Go is commonly installed when it is not on PATH. */
export const GO_LOCATIONS = ["/usr/local/go/bin/go", "/usr/lib/go/bin/go"];

export class MissingToolError extends Error {}

export async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function onPath(name: string, pathVariable: string): Promise<string | undefined> {
  for (const dir of pathVariable.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Runs a command, streaming its output with a prefix so a long build shows progress. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (line.trim()) process.stderr.write(`  [go] ${line}\n`);
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(" ")} exited with code ${code}`));
    });
  });
}

/** Go from PATH or a usual install location, if any. */
export async function findGo(env: NodeJS.ProcessEnv, locations: string[] = GO_LOCATIONS): Promise<string | undefined> {
  const go = await onPath("go", env.PATH ?? "");
  if (go) return go;
  for (const candidate of locations) {
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}
