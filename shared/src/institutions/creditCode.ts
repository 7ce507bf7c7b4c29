import { z } from "zod";

// Unified social credit code (统一社会信用代码), GB 32100-2015 with amendment XG1-2016:
// 1 registration department, 1 organisation category, 6 administrative division (GB/T 2260),
// 9 organisation code (GB 11714: 8 body characters and a check character), 1 check character.

/** The characters a code may use, each worth its index (GB 32100-2015: no I, O, Z, S or V). */
export const CREDIT_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CODE_LENGTH = 18;

/** Weight of position i in the final check character: 3^i mod 31. */
const CODE_WEIGHTS = Array.from({ length: CODE_LENGTH - 1 }, (_, i) => 3 ** i % 31);
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Registration department (1st character) → the organisation categories (2nd character) it uses,
 * from the standard's appendix as amended (A and N were added by XG1-2016).
 */
const REGISTRATION_CATEGORIES: Record<string, string> = {
  "1": "1239", // 机构编制: 机关, 事业单位, 中央编办管理的群众团体, 其他
  "2": "19", // 外交: 外国常驻新闻机构, 其他
  "3": "123459", // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
  "4": "19", // 文化: 外国在华文化中心, 其他
  "5": "1239", // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  "6": "129", // 旅游: 外国及港澳台旅游部门常驻代表机构, 其他
  "7": "129", // 宗教: 宗教活动场所, 宗教院校, 其他
  "8": "19", // 工会: 基层工会, 其他
  "9": "123", // 工商 (市场监管): 企业, 个体工商户, 农民专业合作社
  A: "19", // 中央军委改革和编制办公室: 军队事业单位, 其他
  N: "1239", // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
  Y: "1", // 其他: not divided into categories
};

/**
 * First two digits of a division code: the provinces of GB/T 2260, plus 10 for codes registered
 * nationally (100000). Anything else is not a place, so the code was mistyped.
 */
const PROVINCE_PREFIXES = new Set([
  "10",
  ...["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"],
  ...["41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"],
  ...["71", "81", "82"],
]);

const FORBIDDEN_LETTERS = "IOZSV";

/** The check character (18th) of a code whose first 17 characters are given (GB/T 17710, MOD 31-3). */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== CODE_LENGTH - 1) throw new RangeError("creditCodeCheckCharacter needs 17 characters");
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = CREDIT_CODE_CHARACTERS.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`creditCodeCheckCharacter: '${first17.charAt(i)}' is not a code character`);
    sum += value * (CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARACTERS.charAt((31 - (sum % 31)) % 31);
}

/**
 * The check character (9th) of an organisation code whose 8 body characters are given (GB 11714).
 * Letters count A=10 … Z=35 over the whole alphabet here, not the credit code's 31-character
 * table: with the latter, most codes containing letters (every "MA…" code issued since 2015) fail.
 */
export function organizationCodeCheckCharacter(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body)) throw new RangeError("organizationCodeCheckCharacter needs 8 digits or capitals");
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    sum += Number.parseInt(body.charAt(i), 36) * (ORGANIZATION_CODE_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

/** Parts of a credit code to assemble. */
export interface CreditCodeParts {
  /** Registration department and organisation category, e.g. "52" (民办非企业单位) or "91" (企业). */
  registrationType: string;
  /** Six-digit administrative division code of the registering authority, e.g. "320812". */
  divisionCode: string;
  /** The 8 body characters of the organisation code; its check character is computed. */
  organizationBody: string;
}

/** Assembles a code from its parts, computing both check characters; check the result, a part may be invalid. */
export function composeCreditCode(parts: CreditCodeParts): string {
  const organizationCode = parts.organizationBody + organizationCodeCheckCharacter(parts.organizationBody);
  const first17 = parts.registrationType + parts.divisionCode + organizationCode;
  return first17 + creditCodeCheckCharacter(first17);
}

/** What is wrong with a unified social credit code, as a message for the user; undefined when it is valid. */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== CODE_LENGTH) return `must be ${CODE_LENGTH} characters, not ${code.length}`;
  for (let i = 0; i < code.length; i++) {
    const character = code.charAt(i);
    if (CREDIT_CODE_CHARACTERS.includes(character)) continue;
    const upper = character.toUpperCase();
    if (FORBIDDEN_LETTERS.includes(upper)) {
      return `must not contain the letters I, O, Z, S or V (found '${character}' at position ${i + 1})`;
    }
    if (CREDIT_CODE_CHARACTERS.includes(upper)) {
      return `must be written in upper case (found '${character}' at position ${i + 1})`;
    }
    return `may contain only digits and capital letters (found '${character}' at position ${i + 1})`;
  }
  const department = code.charAt(0);
  const categories = REGISTRATION_CATEGORIES[department];
  if (!categories) {
    return `registration department '${department}' (1st character) is not one of 1-9, A, N, Y`;
  }
  if (!categories.includes(code.charAt(1))) {
    const allowed = categories.split("").join(", ");
    return `organisation category '${code.charAt(1)}' (2nd character) is not valid for registration department '${department}' (allowed: ${allowed})`;
  }
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division)) {
    return `administrative division code '${division}' (characters 3-8) must be 6 digits`;
  }
  if (!PROVINCE_PREFIXES.has(division.slice(0, 2))) {
    return `administrative division code '${division}' (characters 3-8) does not start with a province code`;
  }
  // GB 32100-2015 makes characters 9-17 an organisation code under GB 11714 for every registration
  // type, individual businesses (92) included, and no exemption is listed; published 92 codes pass.
  const organizationCheck = organizationCodeCheckCharacter(code.slice(8, 16));
  if (code.charAt(16) !== organizationCheck) {
    return `organisation code check character (17th) should be ${organizationCheck}, not ${code.charAt(16)}`;
  }
  const check = creditCodeCheckCharacter(code.slice(0, 17));
  if (code.charAt(17) !== check) return `check character should be ${check}, not ${code.charAt(17)}`;
  return undefined;
}

/** Whether a unified social credit code is well formed and both its check characters are right. */
export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === undefined;
}

/** A unified social credit code; surrounding spaces are dropped, letters must already be capitals. */
export const creditCodeSchema = z
  .string({ error: "must be a string" })
  .trim()
  .superRefine((code, context) => {
    const problem = creditCodeProblem(code);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });
