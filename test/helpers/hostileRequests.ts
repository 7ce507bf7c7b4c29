import fc from "fast-check";
import type { RouteEntry } from "./routeTable";

/** Who a hostile request claims to be. */
export type Credential = "admin" | "worker" | "none" | "forged" | "expired" | "garbage";

/** One generated request, replayable from the seed and its index. */
export interface HostileRequest {
  method: string;
  /** Path with parameters filled and the query string. */
  url: string;
  credential: Credential;
  headers: Record<string, string>;
  /** Raw body: JSON text, other text, or bytes. */
  body?: string | Uint8Array;
  /** What was done to the valid sample, for the failure report. */
  mutation: string;
}

/** Valid values the generator starts from: per route, a body and a query; per parameter, an id. */
export interface Samples {
  bodies: Record<string, unknown>;
  queries: Record<string, Record<string, string>>;
  params: Record<string, string>;
}

const deep = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

/** MongoDB operators that a careless filter or update would obey. */
const OPERATORS: unknown[] = [
  { $gt: "" },
  { $ne: null },
  { $where: "sleep(1000)" },
  { $regex: ".*" },
  { $in: [] },
  { $exists: true },
  { $expr: { $eq: [1, 1] } },
  { $set: { role: "admin" } },
  { "a.$": 1 },
];

/** Strings a parser of recurrence rules, dates or unicode may choke on. */
const BAD_STRINGS = [
  "\ud800",
  "a\udc00b",
  "\u0000",
  "x\u0000y",
  "\u202e\u0644",
  "\uffff\ufffe",
  "FREQ=SECONDLY;INTERVAL=0",
  "RRULE:FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=32",
  "DTSTART:99999999T999999Z\nRRULE:FREQ=DAILY;COUNT=99999999999",
  "FREQ=DAILY;UNTIL=notadate",
  "2026-13-45",
  "9999-99-99T99:99:99Z",
  "0000-00-00",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style payload, sent as it is
  "${jndi:ldap://x}",
  "%00",
  "NaN",
  "-Infinity",
  "1e309",
];

/** GeoJSON that is not what it claims. */
const BAD_GEOJSON: unknown[] = [
  { type: "Point", coordinates: [1] },
  { type: "Point", coordinates: [999, 999] },
  { type: "Point", coordinates: ["119", "33"] },
  { type: "Point", coordinates: [null, null] },
  { type: "Point", coordinates: [[119, 33]] },
  { type: "Point" },
  {
    type: "Polygon",
    coordinates: [
      [
        [0, 0],
        [1, 1],
      ],
    ],
  },
  {
    type: "LineString",
    coordinates: [
      [0, 0],
      [1, 1],
    ],
  },
  { type: "Feature", geometry: null, properties: {} },
  {
    type: "FeatureCollection",
    features: [{ type: "Feature", geometry: { type: "Point", coordinates: [1, 2, 3, 4] } }],
  },
];

/** A value that does not belong where it is put. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308, "", [], {}, [null], { "": "" }),
  fc.constantFrom(...OPERATORS),
  fc.constantFrom(...BAD_STRINGS),
  fc.constantFrom(...BAD_GEOJSON),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 10_000, max: 300_000 }).map((length) => "长".repeat(length)),
  fc.integer({ min: 1000, max: 40_000 }).map((length) => Array.from({ length }, (_, i) => i)),
  fc.integer({ min: 20, max: 3000 }).map((depth) => deep(depth)),
  fc.constantFrom<unknown>(
    JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: { polluted: true } } },
    { toString: "x", valueOf: 1 },
  ),
);

/** Every path of a JSON value: ["location", "coordinates", 0] … */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (value === null || typeof value !== "object") return out;
  for (const [key, inner] of Object.entries(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push(path);
    if (out.length < 200) pathsOf(inner, path, out);
  }
  return out;
}

function withAt(
  value: unknown,
  path: (string | number)[],
  change: (parent: Record<string, unknown>, key: string) => void,
) {
  const copy = structuredClone(value) as Record<string, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key as string] as Record<string, unknown>;
  change(parent, String(path[path.length - 1]));
  return copy;
}

const mutation = fc.record({
  kind: fc.constantFrom("replace", "replace", "replace", "delete", "add", "operatorKey", "wholeBody", "rawText"),
  pick: fc.nat(),
  value: hostileValue,
  extraKey: fc.constantFrom("extra", "__proto__", "constructor", "$set", "a.b", "$where", "_id", "role", ""),
  rawText: fc.constantFrom(
    "{",
    '{"a":1,}',
    "[1,2",
    "nul",
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    `${"[".repeat(20_000)}${"]".repeat(20_000)}`,
    "\u0000\u0001",
    "",
    "true",
    '"just a string"',
  ),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/** Applies one mutation to a valid body; returns the body text and what was done. */
function mutateBody(sample: unknown, m: Mutation): { text: string; what: string } {
  if (m.kind === "rawText") return { text: m.rawText, what: `raw text ${JSON.stringify(m.rawText.slice(0, 40))}` };
  if (m.kind === "wholeBody" || sample === undefined)
    return { text: JSON.stringify(m.value) ?? "null", what: "whole body replaced" };
  const paths = pathsOf(sample);
  const path = paths[m.pick % Math.max(paths.length, 1)];
  if (!path) return { text: JSON.stringify(m.value) ?? "null", what: "whole body replaced" };
  const where = path.join(".");
  switch (m.kind) {
    case "delete":
      return {
        text: JSON.stringify(withAt(sample, path, (parent, key) => delete parent[key])),
        what: `deleted ${where}`,
      };
    case "add":
      return {
        text: JSON.stringify(
          withAt(sample, [...path.slice(0, -1), "_"], (parent) => {
            Object.defineProperty(parent, m.extraKey, {
              value: m.value,
              enumerable: true,
              configurable: true,
              writable: true,
            });
          }),
        ),
        what: `added ${m.extraKey} beside ${where}`,
      };
    case "operatorKey":
      return {
        text: JSON.stringify(withAt(sample, path, (parent, key) => (parent[key] = { $ne: parent[key] }))),
        what: `$ne around ${where}`,
      };
    default:
      return {
        text: JSON.stringify(withAt(sample, path, (parent, key) => (parent[key] = m.value))),
        what: `replaced ${where}`,
      };
  }
}

/** Percent-encodes a path segment; a lone surrogate becomes the invalid UTF-8 bytes it would be. */
function encodePathSegment(value: string): string {
  return [...value]
    .map((char) => {
      try {
        return encodeURIComponent(char);
      } catch {
        return "%ED%A0%80";
      }
    })
    .join("");
}

const hostileParam = fc.oneof(
  fc.constantFrom(
    "0",
    "-1",
    "ffffffffffffffffffffffff",
    "zzzzzzzzzzzzzzzzzzzzzzzz",
    "%24ne",
    "null",
    "undefined",
    "a".repeat(5000),
  ),
  fc.constantFrom(...BAD_STRINGS).filter((value) => !value.includes("/")),
  fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
);

/** Query strings with hostile values, operator-looking keys and repeated keys. */
function hostileQuery(sample: Record<string, string> | undefined) {
  return fc
    .record({ pick: fc.nat(), value: hostileValue, key: fc.constantFrom("", "[$ne]", "[]", ".$gt", "[0]") })
    .map(({ pick, value, key }) => {
      const keys = Object.keys(sample ?? { q: "" });
      const name = keys[pick % keys.length] ?? "q";
      const params = new URLSearchParams(sample ?? {});
      const text = typeof value === "string" ? value.slice(0, 1500) : (JSON.stringify(value)?.slice(0, 1500) ?? "null");
      params.set(`${name}${key}`, text);
      if (pick % 5 === 0) params.append(name, text);
      return { query: params.toString(), what: `query ${name}${key}` };
    });
}

/** Bytes that pretend to be a photo, or are far too many. */
const hostileUpload = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom(
      { type: "image/png", bytes: "<html><script>alert(1)</script></html>", what: "HTML as PNG" },
      { type: "image/jpeg", bytes: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', what: "SVG as JPEG" },
      {
        type: "image/svg+xml",
        bytes: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        what: "SVG",
      },
      { type: "image/gif", bytes: "GIF89a/*\u0000*/=alert(1)//", what: "GIF/JS polyglot" },
      { type: "image/png", bytes: "\u0089PNG\r\n\u001a\n<html><script>alert(1)</script>", what: "PNG magic then HTML" },
      { type: "image/jpeg", bytes: "\u00ff\u00d8\u00ff\u00e0", what: "truncated JPEG" },
      { type: "text/html", bytes: "<!doctype html><script>alert(1)</script>", what: "HTML" },
      { type: "application/json", bytes: '{"a":1}', what: "JSON" },
      { type: "image/webp", bytes: "RIFF\u0000\u0000\u0000\u0000WEBPVP8 ", what: "empty WebP" },
      { type: "image/png", bytes: "", what: "empty body" },
    ),
  },
  {
    weight: 6,
    arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes) => ({ type: "image/jpeg", bytes, what: "random bytes" })),
  },
  // Rare: each one is 11 MiB on the wire.
  { weight: 1, arbitrary: fc.constant({ type: "image/jpeg", bytes: "oversized", what: "11 MiB" }) },
);

const credential = fc.constantFrom<Credential>(
  "admin",
  "admin",
  "admin",
  "worker",
  "worker",
  "none",
  "forged",
  "expired",
  "garbage",
);
const contentType = fc.constantFrom(
  "application/json",
  "application/json",
  "application/json",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
  "application/json; charset=latin1",
);

const OVERSIZED = new Uint8Array(11 * 1024 * 1024);

/** A hostile request for `route`, built from its samples. */
export function hostileRequestFor(route: RouteEntry, samples: Samples): fc.Arbitrary<HostileRequest> {
  const key = `${route.method} ${route.path}`;
  const params = route.path.match(/:(\w+)/g) ?? [];
  const pathArb = fc.tuple(...params.map(() => fc.option(hostileParam, { freq: 2 }))).map((values) => {
    let index = 0;
    const filled = route.path.replace(/:(\w+)/g, (_, name: string) => {
      const hostile = values[index++];
      return encodePathSegment(hostile ?? samples.params[name] ?? "x");
    });
    return { path: filled, hostile: values.some((value) => value !== null) };
  });
  // Signing out with a shared token would sign every later request out: that route gets only bad ones.
  const who =
    key === "POST /api/auth/logout" ? fc.constantFrom<Credential>("none", "forged", "expired", "garbage") : credential;
  const base = fc.record({ path: pathArb, credential: who, contentType, query: hostileQuery(samples.queries[key]) });
  if (key === "POST /api/attachments") {
    return fc
      .record({
        base,
        upload: hostileUpload,
        purpose: fc.constantFrom("report", "evidence", "x", "", "report&purpose=evidence"),
      })
      .map(({ base: b, upload, purpose }) => ({
        method: route.method,
        url: `${b.path.path}?purpose=${purpose}`,
        credential: b.credential,
        headers: { "Content-Type": upload.type },
        body:
          upload.bytes === "oversized"
            ? OVERSIZED
            : typeof upload.bytes === "string"
              ? Buffer.from(upload.bytes, "latin1")
              : upload.bytes,
        mutation: `upload: ${upload.what}`,
      }));
  }
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  return fc.record({ base, m: mutation, hostileQuery: fc.boolean() }).map(({ base: b, m, hostileQuery: useQuery }) => {
    const sampleQuery = samples.queries[key];
    const query = useQuery || !hasBody ? b.query.query : new URLSearchParams(sampleQuery ?? {}).toString();
    const body = hasBody ? mutateBody(samples.bodies[key], m) : undefined;
    const headers: Record<string, string> = { "Content-Type": b.contentType };
    if (key === "POST /api/events") headers["Idempotency-Key"] = `fuzz-${m.pick}-${b.path.path.length}`;
    return {
      method: route.method,
      url: `${b.path.path}${query ? `?${query}` : ""}`,
      credential: b.credential,
      headers,
      ...(body ? { body: body.text } : {}),
      mutation: [
        body?.what,
        useQuery || !hasBody ? b.query.what : undefined,
        b.path.hostile ? "hostile path" : undefined,
      ]
        .filter(Boolean)
        .join("; "),
    };
  });
}
