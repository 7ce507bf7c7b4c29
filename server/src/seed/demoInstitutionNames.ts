import type { InstitutionType } from "@gridrisk/shared";
import { DEMO_DISTRICTS } from "../territory/demoCity/demoDistricts";
import { randomItem, type SeededRandom } from "../territory/demoCity/seededRandom";
import { randomChance, randomCharacters, randomInt } from "./randomDraws";

/** How an institution is registered: 52 民办非企业单位 (non-profit), 91 企业 (company), 92 个体工商户 (sole trader). */
export type DemoRegistrationType = "52" | "91" | "92";

const DISTRICT_NAMES = new Map(DEMO_DISTRICTS.map((district) => [district.code, district.name]));

const BRANDS = [
  ...["启航", "博雅", "星辰", "育才", "明德", "睿思", "新蕾", "童画", "翰墨", "乐动", "跃动", "飞扬", "青苗", "书香"],
  ...["智慧", "未来", "阳光", "彩虹", "悦读", "弘文", "致远", "勤学", "思源", "蓝天", "晨曦", "朝阳", "远航", "卓越"],
  ...["知行", "启明", "求知", "博识", "金话筒", "小百灵", "艺林", "墨香", "鸿鹄", "雏鹰", "蒲公英", "向日葵", "七彩"],
  ...["小海豚", "创想", "奇思", "妙趣", "宏图", "鼎新", "德润", "尚美", "雅韵", "清韵", "和乐", "童心", "梦想", "星空"],
  ...["春蕾", "桃李", "文华", "书韵", "博文", "英才", "慧思", "领航", "追梦", "蓝鲸", "星火", "先锋", "博学", "运河"],
  ...["淮扬", "楚韵", "清江", "西游", "淮上", "翔宇", "里运河", "漕运", "河下", "萌芽", "天天向上", "小橘灯", "向阳"],
];

/** What the name says is taught, by kind; subject tutoring is named by the schools' own patterns instead. */
const FIELDS: Record<Exclude<InstitutionType, "subject">, readonly string[]> = {
  sports: ["体育", "跆拳道", "篮球", "游泳", "武术", "乒乓球", "羽毛球", "足球", "轮滑", "体适能", "围棋"],
  arts: ["艺术", "舞蹈", "美术", "音乐", "书画", "钢琴", "声乐", "播音主持", "书法", "戏剧"],
  science_technology: ["科技", "机器人", "编程", "创客", "航模", "科学"],
  other_non_subject: ["口才", "研学", "素质拓展", "阅读", "礼仪", "心理"],
};

const SUBJECT_SCHOOL_ENDINGS = ["文化培训学校", "培训学校", "文化培训中心", "教育培训中心"];
const NON_PROFIT_ENDINGS = ["培训中心", "培训学校"];
const SOLE_TRADER_ENDINGS = ["工作室", "培训部"];
const COMPANY_ENDINGS = ["培训有限公司", "培训中心有限公司", "教育科技有限公司", "教育咨询有限公司"];

const STREETS: Record<string, readonly string[]> = {
  "320812": ["健康东路", "健康西路", "淮海东路", "淮海南路", "北京北路", "承德南路", "解放东路", "人民南路", "深圳路"],
  "320803": ["镇淮楼东路", "镇淮楼西路", "枚皋路", "翔宇大道", "东长街", "西长街", "南门大街"],
  "320804": ["长江东路", "长江西路", "黄河路", "淮河东路", "北京东路", "承德北路"],
  "320813": ["东风路", "洪泽湖大道", "人民北路", "大庆路"],
  "320826": ["安东路", "红日大道", "涟城大道", "五岛湖路"],
  "320830": ["淮河北路", "五墩路", "山水大道", "东湖北路"],
  "320831": ["金湖路", "健康路", "神华大道", "建设路"],
};
const COMMON_STREETS = ["文化路", "建设路", "人民路", "和平路", "新华路", "育才路", "学府路", "中山路"];
const BUILDINGS = ["商业广场", "文化大厦", "科创中心", "时代广场", "青少年活动中心", "国际大厦"];

const SURNAMES = [
  ...["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭", "林", "何"],
  ...["高", "梁", "郑", "宋", "谢", "唐", "韩", "许", "邓", "冯", "程", "蔡", "潘", "袁", "于", "董", "戴", "蒋"],
];
const GIVEN_NAMES = [
  ...["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞"],
  ...["秀英", "桂英", "晨", "婷", "雪", "佳", "浩", "宇", "欣怡", "子涵", "海燕", "建国", "春梅", "文静", "志强"],
  ...["晓东", "晓丽", "玉兰", "国庆", "红梅", "俊杰", "雨萱", "思远", "永刚", "立新"],
];
const MOBILE_PREFIXES = [
  ...["130", "133", "135", "136", "138", "139", "150", "151", "152", "157", "158", "159", "177"],
  ...["180", "181", "182", "187", "188", "189", "195", "198", "199", "166", "173", "176"],
];

/** The city and district an institution names itself after, e.g. 淮安市清江浦区 or 淮安市经济技术开发区. */
function placePrefix(districtCode: string): string {
  const district = DISTRICT_NAMES.get(districtCode) ?? "";
  // The zones are named 淮安经济技术开发区 etc.; 淮安区 itself keeps its name.
  return `淮安市${district.length > 3 ? district.replace(/^淮安/, "") : district}`;
}

/** Options of a demo name. */
export interface DemoNameOptions {
  /** What it teaches. */
  type: InstitutionType;
  /** How it is registered; the name's ending follows from it. */
  registrationType: DemoRegistrationType;
  /** The district it is registered in. */
  districtCode: string;
  /** Use two brand words, for when the single-word names of a kind run short. */
  longBrand?: boolean;
}

/** A registered name such as 淮安市清江浦区启航艺术培训中心 or 淮安飞扬体育培训有限公司. */
export function demoInstitutionName(random: SeededRandom, options: DemoNameOptions): string {
  const brand = options.longBrand
    ? randomItem(random, BRANDS) + randomItem(random, BRANDS)
    : randomItem(random, BRANDS);
  const place = placePrefix(options.districtCode);
  // After 双减 every subject institution had to become a non-profit school (营转非), so it is named like one.
  if (options.type === "subject") return `${place}${brand}${randomItem(random, SUBJECT_SCHOOL_ENDINGS)}`;
  const field = randomItem(random, FIELDS[options.type]);
  switch (options.registrationType) {
    case "52":
      return `${place}${brand}${field}${randomItem(random, NON_PROFIT_ENDINGS)}`;
    case "92":
      return `${place}${brand}${field}${randomItem(random, SOLE_TRADER_ENDINGS)}`;
    case "91": {
      const companyPlace = randomItem(random, ["淮安", "淮安", place, "江苏"]);
      return `${companyPlace}${brand}${field}${randomItem(random, COMPANY_ENDINGS)}`;
    }
  }
}

/** A street address in the district, e.g. 淮安市清江浦区健康东路88号 (sometimes with building and floor). */
export function demoAddress(random: SeededRandom, districtCode: string): string {
  const street = randomItem(random, STREETS[districtCode] ?? COMMON_STREETS);
  const address = `${placePrefix(districtCode)}${street}${randomInt(random, 1, 399)}号`;
  return randomChance(random, 0.35)
    ? `${address}${randomItem(random, BUILDINGS)}${randomInt(random, 2, 12)}楼`
    : address;
}

/** A person to call and their number: mostly a mobile, sometimes a Huai'an landline (area code 0517). */
export function demoContact(random: SeededRandom): { name: string; phone: string } {
  const name = randomItem(random, SURNAMES) + randomItem(random, GIVEN_NAMES);
  const phone = randomChance(random, 0.15)
    ? `0517-8${randomCharacters(random, "0123456789", 7)}`
    : randomItem(random, MOBILE_PREFIXES) + randomCharacters(random, "0123456789", 8);
  return { name, phone };
}
