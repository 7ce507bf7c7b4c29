const SENSITIVE_KEY = /pass(word)?|secret|token|authorization|cookie|hash/i;

/** Whether a field of this name holds something that must never be logged. */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** Replaces the values of sensitive keys, at any depth, so they never reach a log. */
export function redactSensitive(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => redactSensitive(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    result[key] = isSensitiveKey(key) ? "[redacted]" : redactSensitive(inner, depth + 1);
  }
  return result;
}
