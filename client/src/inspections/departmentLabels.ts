import type { TFunction } from "i18next";

export interface LabelledDepartment {
  id: string;
  name: string;
  nameEn?: string;
  regionId?: string;
}

/**
 * The names of departments in the interface language, by id. The city's departments and a
 * district's share their names (教育局 twice in one list), so a shared name says whose it is:
 * "教育局（县区级）", "Education Bureau (city)". `districtId` is the district whose own departments
 * they are; the others serve it from above (the city).
 */
export function departmentLabels(
  departments: LabelledDepartment[],
  districtId: string | undefined,
  english: boolean,
  t: TFunction,
): Map<string, string> {
  const nameOf = (department: LabelledDepartment) => (english && department.nameEn) || department.name;
  const counts = new Map<string, number>();
  for (const department of departments) counts.set(nameOf(department), (counts.get(nameOf(department)) ?? 0) + 1);
  return new Map(
    departments.map((department) => {
      const name = nameOf(department);
      if ((counts.get(name) ?? 0) < 2 || !department.regionId) return [department.id, name];
      const level = t(`event.levels.${department.regionId === districtId ? "district" : "city"}`);
      return [department.id, english ? `${name} (${level})` : `${name}（${level}）`];
    }),
  );
}
