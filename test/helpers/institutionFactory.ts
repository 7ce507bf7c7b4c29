import { composeCreditCode, type InstitutionInput } from "@gridrisk/shared";

let counter = 0;

/** A valid, unique credit code. */
export function nextCreditCode(): string {
  counter += 1;
  return composeCreditCode({
    registrationType: "52",
    divisionCode: "320812",
    organizationBody: `MA${String(counter).padStart(6, "0")}`,
  });
}

/** A valid institution input at (lng, lat), with `overrides`. */
export function buildInstitutionInput(
  lng: number,
  lat: number,
  overrides: Partial<InstitutionInput> = {},
): InstitutionInput {
  return {
    name: `测试艺术培训中心${counter + 1}`,
    creditCode: nextCreditCode(),
    type: "arts",
    licenceStatus: "licensed",
    fundSupervision: "supervised",
    address: "淮安市清江浦区健康东路88号",
    location: { lng, lat },
    contact: { name: "王老师", phone: "13912345678" },
    ...overrides,
  };
}
