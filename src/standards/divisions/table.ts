/**
 * GB/T 2260 administrative divisions of the four parties of the Yangtze River Delta
 * eco-environment collaboration (三省一市): Shanghai, Jiangsu, Zhejiang and Anhui.
 *
 * Pure data. Codes are the MCA (民政部) GB/T 2260 codes in force; the prefecture-level codes of
 * these four provinces have not changed since 巢湖市 (341400) was abolished in 2011.
 *
 * Coverage:
 * - level `province`: the four provincial-level units (Shanghai is a municipality, 直辖市).
 * - level `city`: **all** prefecture-level cities: Jiangsu 13, Zhejiang 11, Anhui 16. Shanghai has
 *   no prefectures; GB/T 2260 lists its districts under the pseudo-prefecture 310100 市辖区, so
 *   310100 is Shanghai's one city-level unit here (display name 上海市, `gbName` 市辖区). Every
 *   "per city" feature of the platform (maps, rankings, city bureaus) therefore has exactly one
 *   Shanghai row, which is what the joint-control statistics do too.
 * - level `county`: only Shanghai's 16 districts (parent 310100; a Shanghai district bureau,
 *   区生态环境局, is the peer of a prefecture city's bureau) and the two non-Shanghai counties of
 *   the Yangtze Delta Ecological Green Integration Demonstration Zone (长三角生态绿色一体化发展
 *   示范区: 青浦区 + 吴江区 + 嘉善县). Other counties are structurally valid codes that the lookups
 *   report as `unknown`, not as malformed; use the current MCA list if you need them.
 *
 * Centres are WGS 84 [longitude, latitude] of the city centre or seat of government, about
 * ±1–2 km. Rows marked "ref" come from the project reference (domain-standards §4); the others
 * were filled in from public gazetteer knowledge at the same precision and are checked by the
 * tests to lie inside each unit's own boundary polygon.
 *
 * Flags:
 * - `twoPlusFive`: the "5" cities of the Zhejiang–Anhui "2+5" air-pollution joint prevention and
 *   control memorandum (mission brief M4): 杭州 330100, 湖州 330500, 衢州 330800 (Zhejiang),
 *   宣城 341800, 黄山 341000 (Anhui). They are also exactly the cities along the Zhejiang–Anhui
 *   border (the boundary test checks this against the geometry).
 * - `jiangsuAnhuiBorder`: Jiangsu or Anhui cities whose territory touches the other province
 *   (苏皖交界, memorandum M3). Basis: (1) the cities named for the cross-border waters in
 *   domain-standards §5 — 南京, 徐州, 淮安, 扬州, 宿迁 / 滁州, 马鞍山, 宿州, 蚌埠 (淮北 is named for the
 *   upper 濉河 and 沱河); (2) a shared-boundary check on the ECharts 4.9 city polygons, which
 *   found exactly these 12 JS–AH city pairs sharing a boundary:
 *     南京–马鞍山, 南京–滁州, 南京–宣城, 无锡–宣城 (宜兴–广德, short),
 *     徐州–淮北 (short: through 淮北's small exclave 段园镇 of 杜集区),
 *     徐州–宿州, 常州–宣城 (溧阳), 淮安–滁州, 扬州–滁州 (around 高邮湖 and 天长), 宿迁–蚌埠,
 *     宿迁–滁州 (short), 宿迁–宿州.
 *   So Jiangsu: 南京 徐州 常州 无锡 淮安 扬州 宿迁 (7); Anhui: 宿州 淮北 蚌埠 滁州 马鞍山 宣城 (6).
 *   镇江 and 芜湖 do not touch the other province. The boundary test re-derives the pairs from
 *   the committed GeoJSON and fails if the flags and the geometry disagree.
 */

/** [longitude, latitude], WGS 84, degrees. */
export type LngLat = readonly [number, number];

export type DivisionLevel = 'province' | 'city' | 'county';

/** The GB/T 2260 codes of the four parties. */
export const PROVINCE_CODES = ['310000', '320000', '330000', '340000'] as const;
export type ProvinceCode = (typeof PROVINCE_CODES)[number];

export interface Division {
  /** Six-digit GB/T 2260 code. */
  readonly code: string;
  /** Chinese display name (310100 is shown as 上海市). */
  readonly name: string;
  /** The name as printed in GB/T 2260 where it differs from `name` (310100 市辖区). */
  readonly gbName?: string;
  /** Pinyin name as used in English ("Suzhou"); NOT unique, see `nameEnFull`. */
  readonly nameEn: string;
  /** Unambiguous English name ("Suzhou, Jiangsu" vs "Suzhou, Anhui"). Unique in the table. */
  readonly nameEnFull: string;
  readonly level: DivisionLevel;
  /** Code of the parent unit; null for provinces. */
  readonly parent: string | null;
  /** Approximate centre (city centre or seat of government), WGS 84 [lng, lat]. */
  readonly center: LngLat;
  /** One of the "5" cities of the Zhejiang–Anhui "2+5" joint air-pollution control (M4). */
  readonly twoPlusFive: boolean;
  /** A Jiangsu or Anhui city on the Jiangsu–Anhui border (M3). */
  readonly jiangsuAnhuiBorder: boolean;
}

/**
 * Generous bounding boxes [minLng, minLat, maxLng, maxLat] of the four provinces, islands
 * included, a few km wider than the land; used to sanity-check centres and the boundary data.
 */
export const PROVINCE_BBOX: Readonly<Record<ProvinceCode, readonly [number, number, number, number]>> = {
  '310000': [120.8, 30.6, 122.3, 31.95],
  '320000': [116.3, 30.7, 122.0, 35.2],
  '330000': [118.0, 27.0, 123.2, 31.25],
  '340000': [114.85, 29.35, 119.7, 34.7],
};

type Flag = 'twoPlusFive' | 'jiangsuAnhuiBorder';

function province(code: ProvinceCode, name: string, nameEn: string, nameEnFull: string, center: LngLat): Division {
  return { code, name, nameEn, nameEnFull, level: 'province', parent: null, center, twoPlusFive: false, jiangsuAnhuiBorder: false };
}

const PROVINCE_EN: Record<ProvinceCode, string> = {
  '310000': 'Shanghai',
  '320000': 'Jiangsu',
  '330000': 'Zhejiang',
  '340000': 'Anhui',
};

function city(code: string, name: string, nameEn: string, lat: number, lng: number, ...flags: Flag[]): Division {
  const parent = `${code.slice(0, 2)}0000` as ProvinceCode;
  return {
    code,
    name,
    nameEn,
    nameEnFull: `${nameEn}, ${PROVINCE_EN[parent]}`,
    level: 'city',
    parent,
    center: [lng, lat],
    twoPlusFive: flags.includes('twoPlusFive'),
    jiangsuAnhuiBorder: flags.includes('jiangsuAnhuiBorder'),
  };
}

function county(code: string, parent: string, name: string, nameEn: string, nameEnFull: string, lat: number, lng: number): Division {
  return { code, name, nameEn, nameEnFull, level: 'county', parent, center: [lng, lat], twoPlusFive: false, jiangsuAnhuiBorder: false };
}

const B = 'jiangsuAnhuiBorder' as const;
const F = 'twoPlusFive' as const;

/** Every division known to the platform, provinces first, then cities, then counties; each group in code order. */
export const DIVISIONS: readonly Division[] = Object.freeze(
  ([
    // Provincial level. Centres = seat of the provincial government's city (ref).
    province('310000', '上海市', 'Shanghai', 'Shanghai Municipality', [121.47, 31.23]),
    province('320000', '江苏省', 'Jiangsu', 'Jiangsu Province', [118.8, 32.06]),
    province('330000', '浙江省', 'Zhejiang', 'Zhejiang Province', [120.15, 30.27]),
    province('340000', '安徽省', 'Anhui', 'Anhui Province', [117.23, 31.82]),

    // Shanghai: the GB/T 2260 pseudo-prefecture of its districts (see the header).
    {
      code: '310100',
      name: '上海市',
      gbName: '市辖区',
      nameEn: 'Shanghai',
      nameEnFull: 'Shanghai (city districts)',
      level: 'city',
      parent: '310000',
      center: [121.47, 31.23], // ref (People's Square)
      twoPlusFive: false,
      jiangsuAnhuiBorder: false,
    },

    // Jiangsu: 13 prefecture-level cities.
    city('320100', '南京市', 'Nanjing', 32.06, 118.8, B), // ref
    city('320200', '无锡市', 'Wuxi', 31.49, 120.31, B), // ref; 宜兴 touches 广德
    city('320300', '徐州市', 'Xuzhou', 34.26, 117.18, B), // ref
    city('320400', '常州市', 'Changzhou', 31.81, 119.97, B), // ref; 溧阳 touches 郎溪/广德
    city('320500', '苏州市', 'Suzhou', 31.3, 120.58), // ref (JSON extras)
    city('320600', '南通市', 'Nantong', 31.98, 120.89),
    city('320700', '连云港市', 'Lianyungang', 34.6, 119.22),
    city('320800', '淮安市', "Huai'an", 33.61, 119.02, B), // ref (formerly 淮阴市, same code)
    city('320900', '盐城市', 'Yancheng', 33.35, 120.16),
    city('321000', '扬州市', 'Yangzhou', 32.39, 119.41, B), // ref
    city('321100', '镇江市', 'Zhenjiang', 32.19, 119.45), // ref (JSON extras)
    city('321200', '泰州市', 'Taizhou', 32.46, 119.92), // ≠ 台州 331000: same pinyin
    city('321300', '宿迁市', 'Suqian', 33.96, 118.28, B), // ref

    // Zhejiang: 11 prefecture-level cities.
    city('330100', '杭州市', 'Hangzhou', 30.27, 120.15, F), // ref
    city('330200', '宁波市', 'Ningbo', 29.87, 121.55),
    city('330300', '温州市', 'Wenzhou', 28.0, 120.7),
    city('330400', '嘉兴市', 'Jiaxing', 30.75, 120.76), // ref (JSON extras)
    city('330500', '湖州市', 'Huzhou', 30.89, 120.09, F), // ref
    city('330600', '绍兴市', 'Shaoxing', 30.0, 120.58),
    city('330700', '金华市', 'Jinhua', 29.08, 119.65),
    city('330800', '衢州市', 'Quzhou', 28.97, 118.86, F), // ref
    city('330900', '舟山市', 'Zhoushan', 30.0, 122.2), // seat on Zhoushan Island
    city('331000', '台州市', 'Taizhou', 28.66, 121.42), // ≠ 泰州 321200; seat 椒江区
    city('331100', '丽水市', 'Lishui', 28.45, 119.92),

    // Anhui: 16 prefecture-level cities (341400 巢湖市 was abolished in 2011).
    city('340100', '合肥市', 'Hefei', 31.82, 117.23), // ref
    city('340200', '芜湖市', 'Wuhu', 31.35, 118.43), // ref (JSON extras)
    city('340300', '蚌埠市', 'Bengbu', 32.92, 117.38, B), // ref
    city('340400', '淮南市', 'Huainan', 32.63, 117.0),
    city('340500', '马鞍山市', "Ma'anshan", 31.67, 118.5, B), // ref
    city('340600', '淮北市', 'Huaibei', 33.96, 116.79, B), // ref; 杜集/濉溪 touch 徐州
    city('340700', '铜陵市', 'Tongling', 30.94, 117.81),
    city('340800', '安庆市', 'Anqing', 30.54, 117.06),
    city('341000', '黄山市', 'Huangshan', 29.72, 118.33, F), // ref (seat 屯溪区)
    city('341100', '滁州市', 'Chuzhou', 32.3, 118.31, B), // ref
    city('341200', '阜阳市', 'Fuyang', 32.89, 115.81),
    city('341300', '宿州市', 'Suzhou', 33.65, 116.96, B), // ref; ≠ 苏州 320500: same pinyin
    city('341500', '六安市', "Lu'an", 31.73, 116.52),
    city('341600', '亳州市', 'Bozhou', 33.84, 115.78),
    city('341700', '池州市', 'Chizhou', 30.66, 117.49),
    city('341800', '宣城市', 'Xuancheng', 30.94, 118.75, F, B), // ref

    // Shanghai's 16 districts (2016 list: 闸北 merged into 静安 in 2015, 崇明 a district since 2016).
    county('310101', '310100', '黄浦区', 'Huangpu', 'Huangpu District, Shanghai', 31.23, 121.48),
    county('310104', '310100', '徐汇区', 'Xuhui', 'Xuhui District, Shanghai', 31.19, 121.44),
    county('310105', '310100', '长宁区', 'Changning', 'Changning District, Shanghai', 31.22, 121.42),
    county('310106', '310100', '静安区', "Jing'an", "Jing'an District, Shanghai", 31.23, 121.45),
    county('310107', '310100', '普陀区', 'Putuo', 'Putuo District, Shanghai', 31.25, 121.4),
    county('310109', '310100', '虹口区', 'Hongkou', 'Hongkou District, Shanghai', 31.26, 121.5),
    county('310110', '310100', '杨浦区', 'Yangpu', 'Yangpu District, Shanghai', 31.26, 121.53),
    county('310112', '310100', '闵行区', 'Minhang', 'Minhang District, Shanghai', 31.11, 121.38),
    county('310113', '310100', '宝山区', 'Baoshan', 'Baoshan District, Shanghai', 31.41, 121.49),
    county('310114', '310100', '嘉定区', 'Jiading', 'Jiading District, Shanghai', 31.38, 121.27),
    county('310115', '310100', '浦东新区', 'Pudong', 'Pudong New Area, Shanghai', 31.22, 121.54),
    county('310116', '310100', '金山区', 'Jinshan', 'Jinshan District, Shanghai', 30.74, 121.34),
    county('310117', '310100', '松江区', 'Songjiang', 'Songjiang District, Shanghai', 31.03, 121.23),
    county('310118', '310100', '青浦区', 'Qingpu', 'Qingpu District, Shanghai', 31.15, 121.12), // ref (demo zone)
    county('310120', '310100', '奉贤区', 'Fengxian', 'Fengxian District, Shanghai', 30.92, 121.47),
    county('310151', '310100', '崇明区', 'Chongming', 'Chongming District, Shanghai', 31.62, 121.4),

    // The other two counties of the Yangtze Delta demonstration zone (ref).
    county('320509', '320500', '吴江区', 'Wujiang', 'Wujiang District, Suzhou, Jiangsu', 31.16, 120.64),
    county('330421', '330400', '嘉善县', 'Jiashan', 'Jiashan County, Jiaxing, Zhejiang', 30.83, 120.92),
  ] satisfies Division[]).map((division) => Object.freeze(division)),
);
