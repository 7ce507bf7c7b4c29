import { z } from "zod";

/** The departments every territory starts with (the seed's joint-handling partners). */
export const DEFAULT_DEPARTMENTS = [
  { code: "education", name: "教育局", nameEn: "Education Bureau" },
  { code: "market", name: "市场监督管理局", nameEn: "Market Regulation Administration" },
  { code: "public_security", name: "公安局", nameEn: "Public Security Bureau" },
  { code: "culture_tourism_sports", name: "文化广电和旅游局（体育局）", nameEn: "Culture, Tourism and Sports Bureau" },
  { code: "housing", name: "住房和城乡建设局", nameEn: "Housing and Urban-Rural Development Bureau" },
  { code: "urban_management", name: "城市管理局", nameEn: "Urban Management Bureau" },
  { code: "fire", name: "消防救援支队", nameEn: "Fire and Rescue" },
  { code: "finance", name: "金融监管局", nameEn: "Financial Regulatory Bureau" },
] as const;

/** POST /api/departments (admin). */
export const departmentCreateSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "must be 2-40 lower-case letters, digits or _"),
    name: z.string().trim().min(1, "is required").max(100),
    nameEn: z.string().trim().max(100).optional(),
    regionId: z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-character hex id"),
  })
  .strict();
export type DepartmentCreateInput = z.infer<typeof departmentCreateSchema>;
