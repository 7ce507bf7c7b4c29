import { randomItem, type SeededRandom } from "./seededRandom";

/** A Chinese name and its pinyin rendering. */
export interface DemoName {
  name: string;
  nameEn: string;
}

// Characters common in place names of northern Jiangsu, each followed by its pinyin.
const SYLLABLES: readonly (readonly [string, string])[] = (
  "和he 平ping 安an 新xin 福fu 兴xing 东dong 西xi 南nan 北bei 河he 湖hu 桥qiao 庄zhuang 集ji 口kou " +
  "港gang 塘tang 林lin 园yuan 丰feng 宁ning 华hua 长chang 清qing 泰tai 永yong 富fu 盛sheng 龙long " +
  "凤feng 马ma 高gao 王wang 徐xu 朱zhu 顺shun 红hong 城cheng 运yun 明ming 光guang 阳yang 渠qu 溪xi " +
  "柳liu 杨yang 金jin 石shi 仁ren 德de 文wen 乐le 坊fang 营ying 堰yan 闸zha 圩wei 湾wan 田tian"
)
  .split(" ")
  .map((entry) => [entry.slice(0, 1), entry.slice(1)] as const);

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Pinyin of syllables written as one word, with the apostrophe that keeps "Xin'an" from reading "Xi-nan". */
function joinPinyin(parts: readonly string[]): string {
  return capitalize(parts.reduce((word, part) => (word && /^[aeo]/.test(part) ? `${word}'${part}` : word + part), ""));
}

/** A place-name stem of two (rarely three) distinct syllables that is not in `taken`. */
function uniqueStem(random: SeededRandom, taken: Set<string>): DemoName {
  for (let attempt = 0; ; attempt++) {
    // Two syllables give ~3,500 stems; a third keeps large parents from running out.
    const length = attempt < 50 ? 2 : 3;
    const picked: (readonly [string, string])[] = [];
    while (picked.length < length) {
      const syllable = randomItem(random, SYLLABLES);
      if (!picked.includes(syllable)) picked.push(syllable);
    }
    const name = picked.map(([hanzi]) => hanzi).join("");
    if (taken.has(name)) continue;
    taken.add(name);
    return { name, nameEn: joinPinyin(picked.map(([, pinyin]) => pinyin)) };
  }
}

/** Names of the townships of one district: 街道 in town, 镇 in the countryside. */
export function townshipNames(random: SeededRandom, count: number, urban: boolean): DemoName[] {
  const taken = new Set<string>();
  return Array.from({ length: count }, () => {
    const stem = uniqueStem(random, taken);
    return random() < (urban ? 0.8 : 0.2)
      ? { name: `${stem.name}街道`, nameEn: `${stem.nameEn} Subdistrict` }
      : { name: `${stem.name}镇`, nameEn: `${stem.nameEn} Town` };
  });
}

/** Names of the communities of one township: 社区 in a 街道, mostly 村 in a 镇. */
export function communityNames(random: SeededRandom, count: number, township: DemoName): DemoName[] {
  const taken = new Set<string>();
  const urbanShare = township.name.endsWith("街道") ? 0.9 : 0.25;
  return Array.from({ length: count }, () => {
    const stem = uniqueStem(random, taken);
    return random() < urbanShare
      ? { name: `${stem.name}社区`, nameEn: `${stem.nameEn} Community` }
      : { name: `${stem.name}村`, nameEn: `${stem.nameEn} Village` };
  });
}

/** Name of the n-th grid (from 1) of a community, as grid workers say it: 和平社区第3网格. */
export function gridName(community: DemoName, ordinal: number): DemoName {
  return { name: `${community.name}第${ordinal}网格`, nameEn: `${community.nameEn} Grid ${ordinal}` };
}
