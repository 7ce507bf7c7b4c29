/** The demo city itself: 淮安市, Jiangsu. */
export const DEMO_CITY = {
  code: "320800",
  name: "淮安市",
  nameEn: "Huai'an",
  /** Centre of the outline, [lng, lat]. */
  center: [119.0, 33.6] as [number, number],
  /** Half the outline's width and height in degrees (about 1.2° × 1.0° overall). */
  radius: [0.6, 0.5] as [number, number],
} as const;

/** A district of the demo city. */
export interface DemoDistrict {
  code: string;
  name: string;
  nameEn: string;
  /** Urban districts have mostly 街道 and 社区; counties mostly 镇 and 村. */
  urban: boolean;
  /**
   * Roughly where it lies, in units of the city's radius from its centre (x east, y north), so
   * that the map reads like Huai'an: the old town in the middle, the counties around it.
   */
  anchor: [number, number];
}

/** The ten districts and counties of Huai'an with their real administrative codes. */
export const DEMO_DISTRICTS: readonly DemoDistrict[] = [
  { code: "320812", name: "清江浦区", nameEn: "Qingjiangpu District", urban: true, anchor: [0, 0.05] },
  { code: "320803", name: "淮安区", nameEn: "Huai'an District", urban: false, anchor: [0.45, -0.12] },
  { code: "320804", name: "淮阴区", nameEn: "Huaiyin District", urban: false, anchor: [-0.3, 0.4] },
  { code: "320813", name: "洪泽区", nameEn: "Hongze District", urban: false, anchor: [-0.3, -0.3] },
  { code: "320826", name: "涟水县", nameEn: "Lianshui County", urban: false, anchor: [0.4, 0.45] },
  { code: "320830", name: "盱眙县", nameEn: "Xuyi County", urban: false, anchor: [-0.5, -0.4] },
  { code: "320831", name: "金湖县", nameEn: "Jinhu County", urban: false, anchor: [0.15, -0.55] },
  {
    code: "320871",
    name: "淮安经济技术开发区",
    nameEn: "Huai'an Economic and Technological Development Zone",
    urban: true,
    anchor: [0.18, 0],
  },
  { code: "320872", name: "淮安工业园区", nameEn: "Huai'an Industrial Park", urban: true, anchor: [0, -0.18] },
  {
    code: "320873",
    name: "淮安生态文旅区",
    nameEn: "Huai'an Ecological and Cultural Tourism Zone",
    urban: true,
    anchor: [0.14, 0.18],
  },
];
