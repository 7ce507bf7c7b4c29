import {
  EVENT_LIMITS,
  OPEN311_FORMATS,
  type Open311Format,
  open311RequestCreateSchema,
  open311RequestListQuerySchema,
} from "@gridrisk/shared";
import express, { Router } from "express";
import { z } from "zod";
import { AppError, notFound, validationFailed } from "../../errors";
import { rejectNulCharacters } from "../../middlewares/rejectNulCharacters";
import { validate } from "../../middlewares/validate";
import { actorForApiKey } from "../../open311/open311ApiKeys";
import { open311Service, open311ServiceDefinition } from "../../open311/open311Mapping";
import {
  activeServices,
  createOpen311Request,
  findOpen311Request,
  listOpen311Requests,
  requestIdForToken,
} from "../../open311/open311Requests";
import { open311ErrorHandler, sendOpen311 } from "../../open311/open311Responses";
import { recordElements, type XmlElement } from "../../open311/open311Xml";

const formatSchema = z.enum(OPEN311_FORMATS, { error: "must be json or xml" });
const SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
/** When this API last changed, for discovery's `changeset`. */
const CHANGESET = "2026-11-25T00:00:00Z";

const formatOf = (params: Record<string, string | undefined>): Open311Format =>
  validate(z.object({ format: formatSchema }), { format: params.format }, "params").format;

const requestElements = (request: Record<string, string | number | boolean | null>): XmlElement => [
  "request",
  recordElements(request),
];

/** Open311 GeoReport v2 under /open311/v2: services from the risk categories, requests from events. */
export function open311Router(): Router {
  const router = Router();
  router.use(
    express.urlencoded({ extended: false, limit: "64kb" }),
    express.json({ limit: "64kb" }),
    rejectNulCharacters,
  );

  router.get("/discovery.:format", (req, res) => {
    const format = formatOf(req.params);
    const endpoint = {
      specification: SPECIFICATION,
      url: `${req.protocol}://${req.get("host")}${req.baseUrl}`,
      changeset: CHANGESET,
      type: "production",
      formats: ["text/xml", "application/json"],
    };
    const discovery = {
      changeset: CHANGESET,
      contact: "市指挥中心 (city command centre)",
      key_service: "API keys are issued by the city administrator.",
      endpoints: [endpoint],
    };
    sendOpen311(res, format, 200, discovery, () => [
      "discovery",
      [
        ["changeset", discovery.changeset],
        ["contact", discovery.contact],
        ["key_service", discovery.key_service],
        [
          "endpoints",
          [
            [
              "endpoint",
              [
                ["specification", endpoint.specification],
                ["url", endpoint.url],
                ["changeset", endpoint.changeset],
                ["type", endpoint.type],
                ["formats", endpoint.formats.map((name): XmlElement => ["format", name])],
              ],
            ],
          ],
        ],
      ],
    ]);
  });

  router.get("/services.:format", async (req, res) => {
    const format = formatOf(req.params);
    const services = (await activeServices()).map(open311Service);
    sendOpen311(res, format, 200, services, () => [
      "services",
      services.map((service): XmlElement => ["service", recordElements(service)]),
    ]);
  });

  router.get("/services/:code.:format", async (req, res) => {
    const format = formatOf(req.params);
    const category = (await activeServices()).find((entry) => entry.code === req.params.code);
    if (!category) throw notFound(`Service ${req.params.code}`);
    const definition = open311ServiceDefinition(category);
    sendOpen311(res, format, 200, definition, () => [
      "service_definition",
      [
        ["service_code", definition.service_code],
        [
          "attributes",
          definition.attributes.map((attribute): XmlElement => {
            const { values, ...fields } = attribute;
            return [
              "attribute",
              [
                ...recordElements(fields),
                ["values", values.map((value): XmlElement => ["value", recordElements(value)])],
              ],
            ];
          }),
        ],
      ],
    ]);
  });

  router.get("/requests.:format", async (req, res) => {
    const format = formatOf(req.params);
    const query = validate(open311RequestListQuerySchema, req.query, "query");
    const requests = await listOpen311Requests(query);
    sendOpen311(res, format, 200, requests, () => ["service_requests", requests.map(requestElements)]);
  });

  router.post("/requests.:format", async (req, res) => {
    const format = formatOf(req.params);
    const input = validate(open311RequestCreateSchema, req.body ?? {}, "body");
    const caller = await actorForApiKey(input.api_key);
    if (!caller) throw new AppError(403, "forbidden", "Invalid api_key");
    // GeoReport v2 has no idempotency of its own; a client that sends an Idempotency-Key gets ours.
    const key = req.get("idempotency-key");
    if (key && !EVENT_LIMITS.idempotencyKeyPattern.test(key)) {
      throw validationFailed([{ path: "headers.idempotency-key", message: "must be 8-100 letters, digits, _ or -" }]);
    }
    const created = await createOpen311Request(caller.actor, caller.source, input, key);
    const body = [{ ...created, service_notice: null, account_id: null }];
    sendOpen311(res, format, 201, body, () => ["service_requests", body.map(requestElements)]);
  });

  router.get("/requests/:id.:format", async (req, res) => {
    const format = formatOf(req.params);
    const request = await findOpen311Request(req.params.id);
    if (!request) throw notFound(`Service request ${req.params.id}`);
    sendOpen311(res, format, 200, [request], () => ["service_requests", [requestElements(request)]]);
  });

  router.get("/tokens/:token.:format", async (req, res) => {
    const format = formatOf(req.params);
    const id = await requestIdForToken(req.params.token);
    if (!id) throw notFound(`Token ${req.params.token}`);
    const found = [{ service_request_id: id, token: req.params.token }];
    sendOpen311(res, format, 200, found, () => ["service_requests", found.map(requestElements)]);
  });

  router.use((req) => {
    throw new AppError(404, "route_not_found", `No GeoReport v2 resource at ${req.method} ${req.baseUrl}${req.path}.`);
  });
  router.use(open311ErrorHandler);
  return router;
}
