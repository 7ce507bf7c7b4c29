import os from "node:os";

/** The machine a figure was measured on. */
export function machine(): string {
  return `${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}`;
}

/** Prints a benchmark's figures as JSON, then its one-line summary (which `npm run bench` collects). */
export function report(figures: Record<string, unknown>, summary: string): Promise<void> {
  const text = `${JSON.stringify({ machine: machine(), ...figures }, null, 2)}\n${summary}\n`;
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}
