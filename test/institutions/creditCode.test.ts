import {
  composeCreditCode,
  creditCodeCheckCharacter,
  creditCodeProblem,
  creditCodeSchema,
  isValidCreditCode,
  organizationCodeCheckCharacter,
} from "@gridrisk/shared";
import { expect } from "chai";

/** A code with both check characters computed, so a case fails only for the reason it names. */
function withChecks(registrationType: string, divisionCode: string, organizationBody: string): string {
  return composeCreditCode({ registrationType, divisionCode, organizationBody });
}

/** Swaps the character at a 1-based position. */
function replaceAt(code: string, position: number, character: string): string {
  return code.slice(0, position - 1) + character + code.slice(position);
}

describe("unified social credit code", () => {
  // Published codes. All but the last two are in python-stdnum's tests/test_cn_uscc.doctest ("found online").
  const published: [string, string][] = [
    ["91110000710926094P", "中国石油化工股份有限公司 (Sinopec)"],
    ["9144030071526726XG", "腾讯科技（深圳）有限公司 (Tencent), organisation check X"],
    ["91110000600037341L", "python-stdnum's own example"],
    ["121200004013590816", "a public institution (12), final check 0"],
    ["92340603MA2PBMD304", "an individual business (92), organisation check 0"],
    ["91620105L015101280", "an organisation code with a letter worth 21 under GB 11714 (L)"],
    ["91310115MA1K3BTP2B", "an MA… code issued after 2015"],
    ["914403001922038216", "华为技术有限公司 (Huawei), from its published business licence"],
    ["91330100716105852F", "阿里巴巴（中国）有限公司 (Alibaba China), from its published business licence"],
  ];
  for (const [code, what] of published) {
    it(`accepts ${code}: ${what}`, () => {
      expect(creditCodeProblem(code)).to.equal(undefined);
      expect(isValidCreditCode(code)).to.equal(true);
    });
  }

  const constructed: [string, string][] = [
    [withChecks("52", "320812", "MJ5A7K2L"), "a non-profit training school in 清江浦区"],
    [withChecks("91", "320803", "MA1WQ3RT"), "a company in 淮安区"],
    [withChecks("92", "320804", "MA20HH8N"), "an individual business in 淮阴区"],
    [withChecks("51", "100000", "50000123"), "a national social organisation"],
    [withChecks("31", "110000", "E0001626"), "a law firm"],
    [withChecks("Y1", "320800", "12345678"), "a registration department without categories"],
    [withChecks("N2", "320831", "NA000001"), "a village collective (N, added by amendment XG1-2016)"],
  ];
  for (const [code, what] of constructed) {
    it(`accepts a constructed code for ${what}`, () => {
      expect(creditCodeProblem(code)).to.equal(undefined);
    });
  }

  const valid = "91110000710926094P";
  const invalid: [string, string, string][] = [
    ["too short", valid.slice(0, 17), "must be 18 characters, not 17"],
    ["too long", `${valid}0`, "must be 18 characters, not 19"],
    ["empty", "", "must be 18 characters, not 0"],
    ["lower case", "9144030071526726xg", "must be written in upper case (found 'x' at position 17)"],
    [
      "the letter I",
      replaceAt(valid, 10, "I"),
      "must not contain the letters I, O, Z, S or V (found 'I' at position 10)",
    ],
    [
      "the letter O",
      replaceAt(valid, 10, "O"),
      "must not contain the letters I, O, Z, S or V (found 'O' at position 10)",
    ],
    [
      "the letter Z",
      replaceAt(valid, 18, "Z"),
      "must not contain the letters I, O, Z, S or V (found 'Z' at position 18)",
    ],
    [
      "the letter S",
      replaceAt(valid, 9, "S"),
      "must not contain the letters I, O, Z, S or V (found 'S' at position 9)",
    ],
    [
      "the letter V",
      replaceAt(valid, 12, "V"),
      "must not contain the letters I, O, Z, S or V (found 'V' at position 12)",
    ],
    ["a lower-case forbidden letter", replaceAt(valid, 12, "o"), "must not contain the letters I, O, Z, S or V"],
    ["a hyphen", replaceAt(valid, 9, "-"), "may contain only digits and capital letters (found '-' at position 9)"],
    ["a wrong check character", replaceAt(valid, 18, "Q"), "check character should be P, not Q"],
    [
      "a wrong organisation check character",
      (() => {
        const first17 = replaceAt(valid, 17, "5").slice(0, 17);
        return first17 + creditCodeCheckCharacter(first17);
      })(),
      "organisation code check character (17th) should be 4, not 5",
    ],
    ["registration department 0", withChecks("01", "320812", "MA1WQ3RT"), "registration department '0'"],
    ["registration department B", withChecks("B1", "320812", "MA1WQ3RT"), "registration department 'B'"],
    ["category 4 at market regulation", withChecks("94", "320812", "MA1WQ3RT"), "organisation category '4'"],
    ["category 2 under Y", withChecks("Y2", "320812", "MA1WQ3RT"), "allowed: 1)"],
    ["letters in the division", withChecks("91", "3208AB", "MA1WQ3RT"), "'3208AB' (characters 3-8) must be 6 digits"],
    ["a division in no province", withChecks("91", "000000", "MA1WQ3RT"), "does not start with a province code"],
  ];
  for (const [what, code, message] of invalid) {
    it(`rejects ${what}`, () => {
      expect(creditCodeProblem(code)).to.include(message);
      expect(isValidCreditCode(code)).to.equal(false);
    });
  }

  it("computes check characters, including 31 → 0 and 10 → X", () => {
    expect(creditCodeCheckCharacter("91110000710926094")).to.equal("P");
    expect(creditCodeCheckCharacter("12120000401359081")).to.equal("6");
    expect(creditCodeCheckCharacter("91152201078376286")).to.equal("0");
    expect(organizationCodeCheckCharacter("71092609")).to.equal("4");
    expect(organizationCodeCheckCharacter("71526726")).to.equal("X");
    expect(organizationCodeCheckCharacter("MA2PBMD3")).to.equal("0");
    expect(() => creditCodeCheckCharacter("9111000071092609")).to.throw(RangeError);
    expect(() => creditCodeCheckCharacter("9111000071092609I")).to.throw(RangeError);
  });

  it("the schema reports the problem as the issue message and drops surrounding spaces", () => {
    const wrong = creditCodeSchema.safeParse("91110000710926094Q");
    expect(wrong.success).to.equal(false);
    expect(wrong.error?.issues.map((issue) => issue.message)).to.deep.equal(["check character should be P, not Q"]);
    expect(creditCodeSchema.safeParse(42).error?.issues[0]?.message).to.equal("must be a string");
    expect(creditCodeSchema.parse(" 91110000710926094P ")).to.equal("91110000710926094P");
  });
});
