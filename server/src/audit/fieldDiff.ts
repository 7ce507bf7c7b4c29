/** One field that differs between two versions of an object. */
export interface FieldChange {
  /** Dotted path, e.g. `scope` or `deadlines.serious.handling`. */
  field: string;
  before: unknown;
  after: unknown;
}

/** Fields whose values never enter the log: only the fact that they changed. */
const SECRET_FIELDS = /password|secret|token|apiKey|hash$/i;
const HIDDEN = "[changed]";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A value as it compares and is stored: dates as ISO text, ids and other objects via JSON. */
function normalised(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value) ?? "null");
}

/**
 * The field-level difference between `before` and `after` (either may be null for a creation or
 * a deletion). Plain objects are walked into dotted paths; arrays and other values compare whole.
 * Secret fields show `[changed]` instead of their values.
 */
export function fieldDiff(before: unknown, after: unknown, prefix = ""): FieldChange[] {
  const a = normalised(before);
  const b = normalised(after);
  if (isPlainObject(a) || isPlainObject(b)) {
    const left = isPlainObject(a) ? a : {};
    const right = isPlainObject(b) ? b : {};
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    return keys.flatMap((key) => fieldDiff(left[key], right[key], prefix ? `${prefix}.${key}` : key));
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const field = prefix || "(value)";
  if (SECRET_FIELDS.test(field.split(".").pop() ?? "")) return [{ field, before: HIDDEN, after: HIDDEN }];
  return [{ field, before: a, after: b }];
}
