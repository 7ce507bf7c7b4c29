import type { DepartmentDoc } from "../models/department";

/** A department as the API shows it. */
export interface DepartmentView {
  id: string;
  code: string;
  name: string;
  nameEn?: string;
  regionId: string;
  active: boolean;
}

/** Every field of a department that may leave the server. */
export function presentDepartment(department: DepartmentDoc): DepartmentView {
  return {
    id: department._id.toHexString(),
    code: department.code,
    name: department.name,
    ...(department.nameEn ? { nameEn: department.nameEn } : {}),
    regionId: department.regionId.toHexString(),
    active: department.active ?? true,
  };
}
