import { departmentCreateSchema, idParamsSchema } from "@gridrisk/shared";
import { Router } from "express";
import { z } from "zod";
import { recordAudit } from "../../audit/recordAudit";
import { alreadyExists, notFound, validationFailed } from "../../errors";
import { actorOf } from "../../middlewares/authenticate";
import { validate } from "../../middlewares/validate";
import { type DepartmentDoc, DepartmentModel } from "../../models/department";
import { canSeeRegionId, regionPathIds } from "../../policies/regionVisibility";
import { authorize } from "../../policies/territoryPolicy";
import { presentDepartment } from "../../presenters/departmentPresenter";
import { territory } from "../../territory/territoryCache";

export const departmentListQuerySchema = z
  .object({
    /** Only departments that serve this region: attached to it or to one of its ancestors. */
    region: z
      .string()
      .regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id")
      .optional(),
  })
  .strict();
export const departmentUpdateSchema = departmentCreateSchema
  .pick({ name: true, nameEn: true })
  .extend({ active: z.boolean() })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, "give at least one field to change");

/** GET/POST /api/departments, PATCH /api/departments/:id */
export function departmentsRouter(): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    const query = validate(departmentListQuerySchema, req.query, "query");
    const actor = actorOf(res);
    authorize(actor, "read", "department");
    const all = (await DepartmentModel.find({}).sort({ code: 1 }).lean()) as DepartmentDoc[];
    // A department is visible when the region it serves is: inside the territory or above it.
    let items = all.filter((department) => canSeeRegionId(actor, department.regionId.toHexString()));
    if (query.region) {
      const path = regionPathIds(query.region);
      items = items.filter((department) => path.includes(department.regionId.toHexString()));
    }
    res.json({ items: items.map(presentDepartment) });
  });

  router.post("/", async (req, res) => {
    const input = validate(departmentCreateSchema, req.body, "body");
    const actor = actorOf(res);
    authorize(actor, "create", "department");
    const region = territory().get(input.regionId);
    if (!region) throw validationFailed([{ path: "body.regionId", message: "names no region" }]);
    if (region.level !== "city" && region.level !== "district") {
      throw validationFailed([{ path: "body.regionId", message: "must be the city or a district" }]);
    }
    if (await DepartmentModel.exists({ regionId: input.regionId, code: input.code })) {
      throw alreadyExists(`A department with code ${input.code} already serves ${region.name}.`);
    }
    const created = await DepartmentModel.create({ ...input, regionPath: regionPathIds(region.id) });
    const department = presentDepartment(created.toObject() as DepartmentDoc);
    await recordAudit({
      actor,
      action: "create",
      entityType: "department",
      entityId: department.id,
      before: null,
      after: department,
    });
    res.status(201).json({ department });
  });

  router.patch("/:id", async (req, res) => {
    const { id } = validate(idParamsSchema, req.params, "params");
    const input = validate(departmentUpdateSchema, req.body, "body");
    const actor = actorOf(res);
    authorize(actor, "update", "department");
    const before = await DepartmentModel.findById(id).lean();
    const updated = await DepartmentModel.findOneAndUpdate(
      { _id: id },
      { $set: input },
      { returnDocument: "after" },
    ).lean();
    if (!updated) throw notFound(`Department ${id}`);
    const department = presentDepartment(updated as DepartmentDoc);
    await recordAudit({
      actor,
      action: "update",
      entityType: "department",
      entityId: id,
      before: before ? presentDepartment(before as DepartmentDoc) : null,
      after: department,
    });
    res.json({ department });
  });
  return router;
}
