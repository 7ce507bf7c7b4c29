import { csvCell, csvLine, UTF8_BOM } from "@gridrisk/server/exports/csvCells";
import { expect } from "chai";

describe("CSV cells", () => {
  const cases: [string | number | null, string][] = [
    ["plain", "plain"],
    ["网格化风险事件", "网格化风险事件"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line1\nline2", '"line1\nline2"'],
    ["line1\r\nline2", '"line1\r\nline2"'],
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+86 123", "'+86 123"],
    ["-1+1", "'-1+1"],
    ["@cmd", "'@cmd"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    [-3.5, "-3.5"],
    [0, "0"],
    [null, ""],
  ];
  for (const [input, expected] of cases) {
    it(`writes ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
      expect(csvCell(input)).to.equal(expected);
    });
  }

  it("ends a record with CRLF and the BOM is U+FEFF", () => {
    expect(csvLine(["a", 1, null])).to.equal("a,1,\r\n");
    expect(Buffer.from(UTF8_BOM, "utf8")).to.deep.equal(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
