import { describe, expect, it } from 'vitest';
import {
  DIVISIONS,
  JIANGSU_ANHUI_BORDER_CODES,
  PROVINCE_BBOX,
  PROVINCE_CODES,
  TWO_PLUS_FIVE_CODES,
  childrenOf,
  citiesOf,
  cityOf,
  divisionLevel,
  divisionName,
  findDivision,
  isValidDivisionCode,
  provinceOf,
} from './index';

const cities = DIVISIONS.filter((d) => d.level === 'city');

describe('division table', () => {
  it('has the four parties as provinces, in code order', () => {
    expect(DIVISIONS.filter((d) => d.level === 'province').map((d) => d.code)).toEqual([...PROVINCE_CODES]);
    expect(PROVINCE_CODES.map((c) => findDivision(c)?.name)).toEqual(['上海市', '江苏省', '浙江省', '安徽省']);
  });

  it('has every prefecture-level city: Shanghai 1 (310100), Jiangsu 13, Zhejiang 11, Anhui 16', () => {
    expect(citiesOf('310000').map((c) => c.code)).toEqual(['310100']);
    expect(citiesOf('320000')).toHaveLength(13);
    expect(citiesOf('330000')).toHaveLength(11);
    expect(citiesOf('340000')).toHaveLength(16);
    expect(cities).toHaveLength(41);
    // 巢湖 was abolished in 2011; no gap-filling with it.
    expect(findDivision('341400')).toBeUndefined();
  });

  it('has unique, well-formed codes whose level matches the trailing zeros', () => {
    expect(new Set(DIVISIONS.map((d) => d.code)).size).toBe(DIVISIONS.length);
    for (const d of DIVISIONS) {
      expect(d.code).toMatch(/^[0-9]{6}$/);
      expect(divisionLevel(d.code)).toBe(d.level);
      expect(isValidDivisionCode(d.code)).toMatchObject({ valid: true, status: 'known' });
    }
  });

  it('gives every unit an existing parent one level up whose code is its prefix', () => {
    const levelAbove = { province: undefined, city: 'province', county: 'city' } as const;
    for (const d of DIVISIONS) {
      if (d.level === 'province') {
        expect(d.parent).toBeNull();
        continue;
      }
      const parent = findDivision(d.parent ?? '');
      expect(parent, d.code).toBeDefined();
      expect(parent?.level).toBe(levelAbove[d.level]);
      const prefixLength = d.level === 'city' ? 2 : 4;
      expect(d.code.slice(0, prefixLength)).toBe(parent?.code.slice(0, prefixLength));
    }
  });

  it('names cities …市 and provinces …省/市, with unique unambiguous English names', () => {
    for (const c of cities) expect(c.name).toMatch(/市$/);
    expect(new Set(DIVISIONS.map((d) => d.nameEnFull)).size).toBe(DIVISIONS.length);
    // The two same-pinyin pairs stay apart in English.
    expect(divisionName('320500', 'en')).toBe('Suzhou');
    expect(divisionName('341300', 'en')).toBe('Suzhou');
    expect(divisionName('320500', 'en-full')).toBe('Suzhou, Jiangsu');
    expect(divisionName('341300', 'en-full')).toBe('Suzhou, Anhui');
    expect(divisionName('321200', 'en-full')).toBe('Taizhou, Jiangsu');
    expect(divisionName('331000', 'en-full')).toBe('Taizhou, Zhejiang');
    for (const d of DIVISIONS) expect(d.nameEn).toMatch(/^[A-Z][a-z']+(?: [A-Z][a-z']+)*$/);
  });

  it('documents 310100 as the GB/T 2260 市辖区 but shows it as 上海市', () => {
    const shanghai = findDivision('310100');
    expect(shanghai).toMatchObject({ name: '上海市', gbName: '市辖区', level: 'city', parent: '310000' });
    expect(childrenOf('310100')).toHaveLength(16);
    expect(childrenOf('310100').every((d) => d.level === 'county')).toBe(true);
  });

  it('marks exactly the five "2+5" cities of M4', () => {
    expect([...TWO_PLUS_FIVE_CODES].sort()).toEqual(['330100', '330500', '330800', '341000', '341800']);
    expect(DIVISIONS.filter((d) => d.twoPlusFive).every((d) => d.parent === '330000' || d.parent === '340000')).toBe(true);
  });

  it('marks the Jiangsu–Anhui border cities, all in Jiangsu or Anhui', () => {
    expect([...JIANGSU_ANHUI_BORDER_CODES]).toEqual([
      '320100', '320200', '320300', '320400', '320800', '321000', '321300',
      '340300', '340500', '340600', '341100', '341300', '341800',
    ]);
    for (const code of JIANGSU_ANHUI_BORDER_CODES) {
      expect(findDivision(code)?.level).toBe('city');
      expect(['320000', '340000']).toContain(findDivision(code)?.parent);
    }
    // Every city named for a cross-border water in domain-standards §5 on either side is flagged.
    for (const code of ['320100', '320300', '320800', '321000', '321300', '340300', '340500', '340600', '341100', '341300']) {
      expect(findDivision(code)?.jiangsuAnhuiBorder, code).toBe(true);
    }
    expect(findDivision('321100')?.jiangsuAnhuiBorder).toBe(false); // 镇江
    expect(findDivision('340200')?.jiangsuAnhuiBorder).toBe(false); // 芜湖
  });

  it('puts every centre inside its province bounding box', () => {
    for (const d of DIVISIONS) {
      const province = provinceOf(d.code);
      expect(province, d.code).toBeDefined();
      const [minLng, minLat, maxLng, maxLat] = PROVINCE_BBOX[province!.code as keyof typeof PROVINCE_BBOX];
      const [lng, lat] = d.center;
      expect(lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat, `${d.code} ${d.name} ${d.center.join(',')}`).toBe(true);
    }
  });

  it('agrees with the reference centres of domain-standards §4', () => {
    const reference: Record<string, [number, number]> = {
      '330100': [120.15, 30.27],
      '341000': [118.33, 29.72],
      '341300': [116.96, 33.65],
      '320800': [119.02, 33.61],
      '310118': [121.12, 31.15],
    };
    for (const [code, center] of Object.entries(reference)) expect(findDivision(code)?.center).toEqual(center);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DIVISIONS)).toBe(true);
    expect(Object.isFrozen(DIVISIONS[0])).toBe(true);
  });
});

describe('lookups', () => {
  it('findDivision', () => {
    expect(findDivision('341800')?.name).toBe('宣城市');
    expect(findDivision('999999')).toBeUndefined();
  });

  it('provinceOf works for listed and unlisted codes of the region', () => {
    expect(provinceOf('320509')?.code).toBe('320000');
    expect(provinceOf('320102')?.code).toBe('320000'); // 玄武区, not listed
    expect(provinceOf('340000')?.code).toBe('340000');
    expect(provinceOf('410100')).toBeUndefined(); // 郑州: outside the region
    expect(provinceOf('32010')).toBeUndefined();
  });

  it('cityOf', () => {
    expect(cityOf('310115')?.code).toBe('310100');
    expect(cityOf('330421')?.code).toBe('330400');
    expect(cityOf('330400')?.code).toBe('330400');
    expect(cityOf('330000')).toBeUndefined();
  });

  it('citiesOf returns [] for anything but a party province', () => {
    expect(citiesOf('410000')).toEqual([]);
    expect(citiesOf('320100')).toEqual([]);
  });

  it('divisionLevel reads the trailing zeros', () => {
    expect(divisionLevel('320000')).toBe('province');
    expect(divisionLevel('320100')).toBe('city');
    expect(divisionLevel('320102')).toBe('county');
    expect(divisionLevel('410100')).toBe('city');
    expect(divisionLevel('3201')).toBeUndefined();
    expect(divisionLevel('000000')).toBeUndefined();
  });

  it('divisionName defaults to Chinese', () => {
    expect(divisionName('330800')).toBe('衢州市');
    expect(divisionName('330800', 'en')).toBe('Quzhou');
    expect(divisionName('310000', 'en-full')).toBe('Shanghai Municipality');
    expect(divisionName('320102')).toBeUndefined();
  });

  it.each([
    ['', 'six ASCII digits'],
    ['32010', 'six ASCII digits'],
    ['3201000', 'six ASCII digits'],
    ['32010a', 'six ASCII digits'],
    [' 320100', 'six ASCII digits'],
    ['３２０１００', 'six ASCII digits'],
    ['000000', 'whole region'],
    ['990000', 'prefix 99'],
    ['390100', 'prefix 39'],
    ['320001', 'city digits are 00'],
  ])('isValidDivisionCode(%j) is malformed', (code, reason) => {
    const result = isValidDivisionCode(code);
    expect(result.valid).toBe(false);
    expect(result.status).toBe('malformed');
    if (result.status === 'malformed') expect(result.reason).toContain(reason);
  });

  it('isValidDivisionCode tells unknown from malformed', () => {
    expect(isValidDivisionCode('320102')).toMatchObject({ valid: false, status: 'unknown', level: 'county', inRegion: true });
    expect(isValidDivisionCode('341400')).toMatchObject({ valid: false, status: 'unknown', level: 'city', inRegion: true });
    expect(isValidDivisionCode('410100')).toMatchObject({ valid: false, status: 'unknown', level: 'city', inRegion: false });
    expect(isValidDivisionCode('820000')).toMatchObject({ valid: false, status: 'unknown', level: 'province', inRegion: false });
    const known = isValidDivisionCode('341300');
    expect(known.valid).toBe(true);
    if (known.status === 'known') expect(known.division.nameEnFull).toBe('Suzhou, Anhui');
  });
});
