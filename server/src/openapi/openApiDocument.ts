import { z } from "zod";
import type { CatalogueRoute } from "./routeCatalogue";

type JsonSchema = Record<string, unknown>;

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a request may send: the schema's input side. */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as JsonSchema;
  return json;
}

/** One parameter per property of an object schema. */
function parametersOf(schema: z.ZodType | undefined, where: "query" | "path"): JsonSchema[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: where,
      required: where === "path" || (required.has(name) && !("default" in property)),
      ...(description ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function operationOf(route: CatalogueRoute): JsonSchema {
  const successStatus = /^20[14]\b/.exec(route.response)?.[0] ?? "200";
  const content = route.responseType ?? "application/json";
  return {
    tags: [route.tag],
    summary: route.summary,
    description: `Who may call it: ${route.who}.`,
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    ...(route.public ? { security: [] } : {}),
    parameters: [...parametersOf(route.params, "path"), ...parametersOf(route.query, "query")],
    ...(route.body || route.bodyType
      ? {
          requestBody: {
            required: true,
            content: { [route.bodyType ?? "application/json"]: { schema: route.body ? jsonSchemaOf(route.body) : {} } },
          },
        }
      : {}),
    responses: {
      [successStatus]: {
        description: route.response,
        ...(successStatus === "204" ? {} : { content: { [content]: { schema: {} } } }),
      },
      "4XX": {
        description: "The one error shape: `{ error: { code, message, requestId, details } }`.",
        content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
      },
    },
  };
}

/** The OpenAPI 3.1 document of /api, built from the route catalogue and its request schemas. */
export function openApiDocument(routes: readonly CatalogueRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonSchema>)[route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Grid risk event management API (网格化风险事件管理)",
      version,
      description:
        "Every route of /api. Request schemas are generated from the zod schemas that validate the requests. Sign in with POST /auth/login and send `Authorization: Bearer <token>`.",
    },
    servers: [{ url: "/api" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        ErrorBody: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                requestId: { type: "string" },
                details: {},
              },
            },
          },
        },
      },
    },
  };
}
