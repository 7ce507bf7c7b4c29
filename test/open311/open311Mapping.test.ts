import { open311StatusOf, statusesFor } from "@gridrisk/server/open311/open311Mapping";
import { descriptionWithPlace, titleFromDescription } from "@gridrisk/server/open311/open311Requests";
import { escapeXml, xmlDocument } from "@gridrisk/server/open311/open311Xml";
import { EVENT_LIMITS, EVENT_STATUSES, type EventStatus } from "@gridrisk/shared";
import { expect } from "chai";

describe("Open311 mapping", () => {
  const table: [EventStatus, "open" | "closed"][] = [
    ["reported", "open"],
    ["escalated", "open"],
    ["assessing", "open"],
    ["dispatched", "open"],
    ["handling", "open"],
    ["resolved", "open"],
    ["follow_up", "open"],
    ["closed", "closed"],
    ["dismissed", "closed"],
    ["merged", "closed"],
  ];
  it("maps every internal status", () => {
    expect(table.map(([status]) => status).sort()).to.deep.equal([...EVENT_STATUSES].sort());
  });
  for (const [status, expected] of table) {
    it(`shows ${status} as ${expected}`, () => {
      expect(open311StatusOf(status)).to.equal(expected);
      expect(statusesFor([expected])).to.include(status);
      expect(statusesFor([expected === "open" ? "closed" : "open"])).to.not.include(status);
    });
  }

  it("escapes XML text and writes the declaration", () => {
    expect(escapeXml(`<a href="x">&'</a>`)).to.equal("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    expect(
      xmlDocument([
        "errors",
        [
          [
            "error",
            [
              ["code", 400],
              ["description", "a < b"],
            ],
          ],
        ],
      ]),
    ).to.equal(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>400</code><description>a &lt; b</description></error></errors>\n',
    );
  });

  it("keeps the address and media link a caller gave in the filed description, within its limit", () => {
    const base = { api_key: "k", service_code: "safety_hazard", lat: 33.5, long: 119 };
    expect(descriptionWithPlace({ ...base, description: "消防通道堵塞" })).to.equal("消防通道堵塞");
    expect(
      descriptionWithPlace({
        ...base,
        description: "消防通道堵塞",
        address_string: "清河路 8 号二楼",
        media_url: "https://example.org/p.jpg",
      }),
    ).to.equal("消防通道堵塞\n地址 (address): 清河路 8 号二楼\n附件链接 (media): https://example.org/p.jpg");
    const long = "长".repeat(EVENT_LIMITS.maxDescriptionLength);
    expect(descriptionWithPlace({ ...base, description: long, address_string: "清河路" })).to.equal(long);
  });

  it("takes a title from the description's first line", () => {
    expect(titleFromDescription("消防通道堵塞\n详情")).to.equal("消防通道堵塞");
    const long = titleFromDescription("长".repeat(500));
    expect(long).to.have.length(EVENT_LIMITS.maxTitleLength);
    expect(long.endsWith("…")).to.equal(true);
  });
});
