import type { AppContext } from '../../context';
import { citiesOf, findDivision, PROVINCE_CODES } from '../../../standards/divisions';
import { SYSTEM } from '../identity';
import { MANUAL_SAMPLE_INTERVAL, type NewReading } from '../monitoring';
import { demoOrganisations } from './demo.data';

/**
 * Demo monitoring data: stations across the four provinces and deterministic readings.
 *
 * - Air: one ambient-air station per city-level unit (Shanghai and all cities of Jiangsu,
 *   Zhejiang and Anhui, so every 2+5 city), owned by the city bureau (Shanghai: the municipal
 *   bureau). Six pollutants, hourly, for the `days` full Beijing days before the anchor day:
 *   diurnal cycles (traffic peaks for NO2/CO/PM, afternoon O3), a multi-day weather factor,
 *   a north–south gradient, a regional PM2.5 episode, random missing hours and outages so the
 *   completeness rules show.
 * - Surface water on the Jiangsu–Anhui border waters and the Xin'an River (domain-standards.md
 *   §5, air-water-practice.md §5.3): automatic stations (4-hourly data) and manual sites
 *   (monthly samples for `months` months), seasonal patterns and a few 劣V months; target classes;
 *   a recurring ammonia incident on 滁河陈浅, a provincial department's section.
 * - Pollution sources with permit (排污许可) limits, hourly, with a few exceedances.
 *
 * Every value is a pure function of (station code, parameter, time), so re-running writes
 * nothing new (readings are idempotent) and two databases seeded with the same anchor are
 * identical. Insertion goes through `monitoring.ingestReadings` in large batches; the roll-ups,
 * AQI, water class and alerts are then computed with `assessment.flush()`.
 */

export interface MonitoringDemoOptions {
  onProgress?: (line: string) => void;
  /** Any instant of the anchor day (Beijing); data end at its start. Default: now. */
  anchor?: number;
  /** Days of hourly air and source data (default 35). */
  days?: number;
  /** Months of manual water samples (default 26). */
  months?: number;
}

export interface MonitoringDemoResult {
  stationsCreated: number;
  stations: number;
  readingsInserted: number;
  readingsGenerated: number;
  flushedKeys: number;
  milliseconds: number;
}

type Ctx = Pick<AppContext, 'identity' | 'monitoring' | 'assessment'>;

const HOUR = 3_600_000;
const DAY = 86_400_000;
const BJ = 8 * HOUR;

/** FNV-1a 32-bit hash of a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic uniform [0, 1) from a key and an integer. */
function unit(key: number, n: number): number {
  let t = (key ^ Math.imul(n, 0x9e3779b1)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Smooth deterministic noise in [-1, 1] over an integer axis (interpolated random knots). */
function smooth(key: number, x: number, period: number): number {
  const i = Math.floor(x / period);
  const f = x / period - i;
  const a = unit(key, i) * 2 - 1;
  const b = unit(key, i + 1) * 2 - 1;
  const s = f * f * (3 - 2 * f);
  return a + (b - a) * s;
}

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

interface DemoStation {
  code: string;
  name: string;
  nameEn: string;
  kind: 'air' | 'surface_water' | 'pollution_source';
  subKind: 'automatic' | 'manual' | 'waste_gas' | 'waste_water' | null;
  waterBody: 'river' | 'lake' | null;
  provinceCode: string;
  cityCode: string;
  longitude: number;
  latitude: number;
  owner: string;
  parameters: { code: string; unit: string; permitLimit?: number }[];
  targetClass?: string;
  /** Pollution level factor (1 = average). */
  factor: number;
  /** Recurring ammonia discharge upstream (see {@link AMMONIA_INCIDENT_EVERY_DAYS}). */
  ammoniaIncidents?: boolean;
}

/**
 * Sections marked `ammoniaIncidents` take an upstream ammonia discharge one Beijing day in
 * this many: NH3-N rises by {@link AMMONIA_INCIDENT_MG_L} all day, so the day's class falls below
 * the target and the owner — a provincial department — gets exceedance alerts like the city
 * bureaus do. A function of the day alone, so the data stay deterministic.
 */
export const AMMONIA_INCIDENT_EVERY_DAYS = 11;
const AMMONIA_INCIDENT_MG_L = 1.3;

function isAmmoniaIncidentDay(at: number): boolean {
  return Math.floor((at + BJ) / DAY) % AMMONIA_INCIDENT_EVERY_DAYS === 3;
}

const AIR_PARAMETERS = [
  { code: 'a21026', unit: 'µg/m³' },
  { code: 'a21004', unit: 'µg/m³' },
  { code: 'a34002', unit: 'µg/m³' },
  { code: 'a34004', unit: 'µg/m³' },
  { code: 'a21005', unit: 'mg/m³' },
  { code: 'a05024', unit: 'µg/m³' },
];
const WATER_PARAMETERS = [
  { code: 'w01001', unit: '无量纲' },
  { code: 'w01009', unit: 'mg/L' },
  { code: 'w01019', unit: 'mg/L' },
  { code: 'w21003', unit: 'mg/L' },
  { code: 'w21011', unit: 'mg/L' },
];
const MANUAL_EXTRA = [{ code: 'w01018', unit: 'mg/L' }];
const LAKE_EXTRA = [{ code: 'w21001', unit: 'mg/L' }];

const PROVINCE_DEPARTMENT: Record<string, string> = {};
for (const org of demoOrganisations()) if (org.kind === 'provincial_department') PROVINCE_DEPARTMENT[org.divisionCode] = org.name;
const cityBureau = (cityCode: string) => (cityCode === '310100' ? PROVINCE_DEPARTMENT['310000']! : `${findDivision(cityCode)!.name}生态环境局`);

interface Section {
  code: string;
  name: string;
  nameEn: string;
  cityCode: string;
  lng: number;
  lat: number;
  sub: 'automatic' | 'manual';
  body: 'river' | 'lake';
  target: string;
  /** Owner: a city bureau by default, or the provincial department. */
  provincial?: boolean;
  ammoniaIncidents?: boolean;
  /** Baseline pollution (1 = class II–III water; 1.6 ≈ IV–V; 2 with winter peaks ≈ 劣V). */
  factor: number;
}

/** Sections of the Jiangsu–Anhui border waters and the Xin'an River (coordinates approximate). */
const SECTIONS: readonly Section[] = [
  { code: 'W-CH-CHENQIAN', name: '滁河陈浅', nameEn: 'Chu River, Chenqian (JS–AH compensation section)', cityCode: '320100', lng: 118.52, lat: 32.2, sub: 'automatic', body: 'river', target: 'III', provincial: true, ammoniaIncidents: true, factor: 1.05 },
  { code: 'W-XH-QUANJIAO', name: '襄河全椒化肥厂下', nameEn: 'Xiang River below Quanjiao fertiliser plant', cityCode: '341100', lng: 118.27, lat: 32.08, sub: 'manual', body: 'river', target: 'III', factor: 1.3 },
  { code: 'W-QL-WUYI', name: '清流河乌衣下', nameEn: 'Qingliu River below Wuyi', cityCode: '341100', lng: 118.45, lat: 32.2, sub: 'manual', body: 'river', target: 'III', factor: 1.2 },
  { code: 'W-CJ-WUJIANG', name: '长江乌江（左岸）', nameEn: 'Yangtze, Wujiang (left bank)', cityCode: '340500', lng: 118.37, lat: 31.86, sub: 'automatic', body: 'river', target: 'II', factor: 0.7 },
  { code: 'W-CJ-SANXING', name: '长江三兴村（右岸）', nameEn: 'Yangtze, Sanxing village (right bank)', cityCode: '340500', lng: 118.45, lat: 31.8, sub: 'manual', body: 'river', target: 'II', factor: 0.75 },
  { code: 'W-HH-XIAOLIUXIANG', name: '淮河小柳巷', nameEn: 'Huai River, Xiaoliuxiang', cityCode: '341100', lng: 118.28, lat: 32.98, sub: 'automatic', body: 'river', target: 'III', provincial: true, factor: 1.1 },
  { code: 'W-SJH-CENTRE', name: '石臼湖湖心', nameEn: 'Shijiu Lake centre', cityCode: '320100', lng: 118.87, lat: 31.47, sub: 'manual', body: 'lake', target: 'III', factor: 1.15 },
  { code: 'W-GYH-CENTRE', name: '高邮湖湖心', nameEn: 'Gaoyou Lake centre', cityCode: '321000', lng: 119.3, lat: 32.85, sub: 'manual', body: 'lake', target: 'III', factor: 1.2 },
  { code: 'W-HZH-LIHEWA', name: '洪泽湖溧河洼', nameEn: 'Hongze Lake, Lihewa', cityCode: '320800', lng: 118.5, lat: 33.25, sub: 'automatic', body: 'lake', target: 'III', factor: 1.35 },
  { code: 'W-KH-HUANGQIAO', name: '奎河黄桥', nameEn: 'Kui River, Huangqiao (JS → AH)', cityCode: '320300', lng: 117.22, lat: 34.12, sub: 'manual', body: 'river', target: 'IV', factor: 2.0 },
  { code: 'W-SH-XIAOHANZHUANG', name: '濉河小韩庄', nameEn: 'Sui River, Xiaohanzhuang', cityCode: '341300', lng: 118.05, lat: 33.48, sub: 'manual', body: 'river', target: 'IV', factor: 1.6 },
  { code: 'W-XAJ-JIEKOU', name: '新安江街口', nameEn: "Xin'an River, Jiekou (AH → ZJ compensation section)", cityCode: '341000', lng: 118.62, lat: 29.75, sub: 'automatic', body: 'river', target: 'II', provincial: true, factor: 0.5 },
];

const SOURCES: readonly DemoStation[] = [
  {
    code: 'S-MAS-STEEL-01', name: '马鞍山某钢铁公司烧结机头', nameEn: "Ma'anshan steelworks sinter stack", kind: 'pollution_source', subKind: 'waste_gas', waterBody: null,
    provinceCode: '340000', cityCode: '340500', longitude: 118.49, latitude: 31.69, owner: cityBureau('340500'), factor: 1,
    parameters: [{ code: 'a21026', unit: 'mg/m³', permitLimit: 35 }, { code: 'a21002', unit: 'mg/m³', permitLimit: 50 }, { code: 'a34013', unit: 'mg/m³', permitLimit: 10 }],
  },
  {
    code: 'S-CZ-CHEM-01', name: '滁州某化工园区污水处理厂', nameEn: 'Chuzhou chemical park wastewater plant', kind: 'pollution_source', subKind: 'waste_water', waterBody: null,
    provinceCode: '340000', cityCode: '341100', longitude: 118.3, latitude: 32.1, owner: cityBureau('341100'), factor: 1,
    parameters: [{ code: 'w01018', unit: 'mg/L', permitLimit: 50 }, { code: 'w21003', unit: 'mg/L', permitLimit: 5 }],
  },
  {
    code: 'S-HZ-CEMENT-01', name: '湖州某水泥厂窑尾', nameEn: 'Huzhou cement kiln stack', kind: 'pollution_source', subKind: 'waste_gas', waterBody: null,
    provinceCode: '330000', cityCode: '330500', longitude: 119.9, latitude: 30.95, owner: cityBureau('330500'), factor: 1,
    parameters: [{ code: 'a21026', unit: 'mg/m³', permitLimit: 50 }, { code: 'a21002', unit: 'mg/m³', permitLimit: 100 }, { code: 'a34013', unit: 'mg/m³', permitLimit: 10 }],
  },
];

/** The demo stations, in a fixed order. */
export function demoStations(): DemoStation[] {
  const stations: DemoStation[] = [];
  for (const province of PROVINCE_CODES) {
    const cities = province === '310000' ? [findDivision('310100')!] : citiesOf(province);
    for (const city of cities) {
      const [lng, lat] = city.center;
      // Particulate levels rise to the north (Huai River plain) and fall in southern Zhejiang.
      const factor = 0.55 + Math.max(0, Math.min(1, (lat - 28) / 6)) * 0.75;
      stations.push({
        code: `A-${city.code}`,
        name: `${city.name}国控空气站`,
        nameEn: `${city.nameEnFull} ambient air station`,
        kind: 'air',
        subKind: null,
        waterBody: null,
        provinceCode: province,
        cityCode: city.code,
        longitude: round(lng + 0.01, 4),
        latitude: round(lat + 0.01, 4),
        owner: cityBureau(city.code),
        parameters: AIR_PARAMETERS,
        factor,
      });
    }
  }
  for (const s of SECTIONS) {
    const province = findDivision(s.cityCode)!.parent!;
    stations.push({
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      kind: 'surface_water',
      subKind: s.sub,
      waterBody: s.body,
      provinceCode: province,
      cityCode: s.cityCode,
      longitude: s.lng,
      latitude: s.lat,
      owner: s.provincial ? PROVINCE_DEPARTMENT[province]! : cityBureau(s.cityCode),
      parameters: [...WATER_PARAMETERS, ...(s.sub === 'manual' ? MANUAL_EXTRA : []), ...(s.body === 'lake' ? LAKE_EXTRA : [])],
      targetClass: s.target,
      factor: s.factor,
      ...(s.ammoniaIncidents ? { ammoniaIncidents: true } : {}),
    });
  }
  stations.push(...SOURCES);
  return stations;
}

/** Air concentration of one station, pollutant and hour (µg/m³; CO mg/m³); null = missing. */
function airValue(station: DemoStation, code: string, hour: number, episode: { start: number; end: number }): number | null {
  const key = hash(station.code);
  const hourIndex = Math.floor(hour / HOUR);
  // Missing hours (~3 %), plus a 6-hour maintenance gap every 9th day on some stations.
  if (unit(key ^ hash(code), hourIndex) < 0.03) return null;
  const bjHour = new Date(hour + BJ).getUTCHours();
  const dayIndex = Math.floor((hour + BJ) / DAY);
  if (key % 4 === 0 && dayIndex % 9 === 0 && bjHour >= 9 && bjHour < 15) return null;
  const regional = smooth(hash('weather'), hourIndex, 60); // shared synoptic weather, ~2.5-day scale
  const local = smooth(key, hourIndex, 30);
  const weather = Math.exp(0.45 * regional + 0.2 * local);
  const month = new Date(hour + BJ).getUTCMonth();
  const winter = month >= 10 || month <= 1 ? 1.2 : month >= 5 && month <= 7 ? 0.75 : 1;
  const traffic = 1 + 0.35 * Math.exp(-(((bjHour - 8) / 2) ** 2)) + 0.45 * Math.exp(-(((bjHour - 20) / 3) ** 2)) - 0.2 * Math.exp(-(((bjHour - 14) / 3) ** 2));
  let episodeBoost = 1;
  if (hour >= episode.start && hour < episode.end) {
    const mid = (episode.start + episode.end) / 2;
    episodeBoost = 1 + 1.7 * Math.exp(-(((hour - mid) / (0.35 * (episode.end - episode.start))) ** 2)) * station.factor;
  }
  const jitter = 1 + 0.12 * (unit(key ^ hash(code), hourIndex + 7) * 2 - 1);
  const f = station.factor;
  switch (code) {
    case 'a34004':
      return round(27 * f * winter * weather * traffic * episodeBoost * jitter, 0);
    case 'a34002':
      return round(46 * f * winter * weather * traffic * episodeBoost * (1 + 0.1 * local) * jitter, 0);
    case 'a21004':
      return round(30 * (0.7 + 0.3 * f) * weather * traffic * 1.2 * jitter, 0);
    case 'a21026':
      return round(7 * f * winter * weather * jitter, 0);
    case 'a21005':
      return round(0.6 * (0.7 + 0.3 * f) * winter * weather * traffic * Math.sqrt(episodeBoost) * jitter, 1);
    case 'a05024': {
      const sun = Math.max(0, Math.cos(((bjHour - 14.5) / 24) * 2 * Math.PI));
      const season = month >= 3 && month <= 8 ? 1.4 : 0.9;
      return round((18 + 125 * season * sun ** 2.2 * (1.15 - 0.3 * regional)) * jitter, 0);
    }
    default:
      return null;
  }
}

/** Water value of a section, item and instant (mg/L; pH dimensionless). */
function waterValue(station: DemoStation, code: string, at: number): number {
  const key = hash(station.code) ^ hash(code);
  const month = new Date(at + BJ).getUTCMonth();
  const monthIndex = Math.floor((at + BJ) / (30.44 * DAY));
  const winter = Math.cos(((month - 0.5) / 12) * 2 * Math.PI); // +1 in January, -1 in July
  const wiggle = 1 + 0.15 * smooth(key, at / HOUR, 24 * 12) + 0.1 * (unit(key, monthIndex) * 2 - 1);
  const f = station.factor;
  const lake = station.waterBody === 'lake';
  // Occasional poor months on the two most polluted border rivers (winter low flow).
  const spike = f >= 1.6 && winter > 0.5 && unit(key, monthIndex + 99) < 0.55 ? 1.45 : 1;
  switch (code) {
    case 'w01001':
      return round(7.6 + 0.35 * smooth(key, at / HOUR, 72) - (lake ? -0.3 : 0), 2);
    case 'w01009':
      return round(Math.max(1.5, (8.2 + 1.6 * winter - 0.9 * (f - 1)) * (1 + 0.06 * smooth(key, at / HOUR, 48))), 2);
    case 'w01019':
      return round(3.1 * f * (1 + 0.12 * -winter) * wiggle, 2);
    case 'w01018':
      return round(13 * f * wiggle, 1);
    case 'w21003':
      return round(0.42 * f * f * (1 + 0.35 * winter) * wiggle * spike + (station.ammoniaIncidents && isAmmoniaIncidentDay(at) ? AMMONIA_INCIDENT_MG_L : 0), 3);
    case 'w21011':
      return round((lake ? 0.045 : 0.11) * f * (1 + 0.3 * -winter) * wiggle * (spike > 1 ? 1.25 : 1), 3);
    case 'w21001':
      return round(1.1 * f * (1 + 0.2 * winter) * wiggle, 2);
    default:
      return 0;
  }
}

/** Source emission value per hour; a few hours exceed the permit limit. */
function sourceValue(station: DemoStation, code: string, limit: number, hour: number): number | null {
  const key = hash(station.code) ^ hash(code);
  const hourIndex = Math.floor(hour / HOUR);
  if (unit(key, hourIndex) < 0.02) return null;
  const base = 0.55 + 0.15 * smooth(key, hourIndex, 12) + 0.05 * (unit(key, hourIndex + 3) * 2 - 1);
  const upset = unit(key, Math.floor(hourIndex / 3) + 5000) < 0.012 ? 1.9 : 1;
  return round(limit * base * upset, 2);
}

function* readingsOf(station: DemoStation, stationKey: number, from: number, to: number, monthsFrom: number): Generator<NewReading> {
  if (station.kind === 'air') {
    const span = to - from;
    // A regional PM2.5 episode ten days before the anchor day, about three days long.
    const episode = { start: from + span - 12 * DAY + 6 * HOUR, end: from + span - 9 * DAY + 6 * HOUR };
    for (let hour = from; hour < to; hour += HOUR) {
      for (const p of station.parameters) {
        const value = airValue(station, p.code, hour, episode);
        if (value !== null) yield { stationKey, parameterCode: p.code, interval: 'hour', observedAt: hour, value, flag: 'N', source: 'upload' };
      }
    }
  } else if (station.kind === 'pollution_source') {
    for (let hour = from; hour < to; hour += HOUR) {
      for (const p of station.parameters) {
        const value = sourceValue(station, p.code, p.permitLimit ?? 100, hour);
        if (value !== null) yield { stationKey, parameterCode: p.code, interval: 'hour', observedAt: hour, value, flag: 'N', source: 'upload' };
      }
    }
  } else if (station.subKind === 'automatic') {
    // Automatic water stations report every 4 hours.
    for (let at = from; at < to; at += 4 * HOUR) {
      for (const p of station.parameters) {
        yield { stationKey, parameterCode: p.code, interval: 'hour', observedAt: at, value: waterValue(station, p.code, at), flag: 'N', source: 'upload' };
      }
    }
  } else {
    // Manual samples: the 10th of each month, 10:00 Beijing.
    for (let month = monthsFrom; ; ) {
      const d = new Date(month + BJ);
      const sampledAt = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 10, 10) - BJ;
      if (sampledAt >= to) break;
      if (sampledAt >= monthsFrom) {
        for (const p of station.parameters) {
          yield { stationKey, parameterCode: p.code, interval: MANUAL_SAMPLE_INTERVAL, observedAt: sampledAt, value: waterValue(station, p.code, sampledAt), flag: 'N', source: 'manual' };
        }
      }
      month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - BJ;
    }
  }
}

/**
 * Creates the missing demo stations (as the system, audited) and ingests their readings, then
 * processes the roll-ups. Idempotent: existing stations are kept and readings already stored
 * are skipped by the readings key.
 */
export async function seedMonitoringDemo(ctx: Ctx, options: MonitoringDemoOptions = {}): Promise<MonitoringDemoResult> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const anchorDay = Math.floor(((options.anchor ?? Date.now()) + BJ) / DAY) * DAY - BJ;
  const days = options.days ?? 35;
  const months = options.months ?? 26;
  const from = anchorDay - days * DAY;
  const anchorMonth = new Date(anchorDay + BJ);
  const monthsFrom = Date.UTC(anchorMonth.getUTCFullYear(), anchorMonth.getUTCMonth() - months + 1, 1) - BJ;

  const wanted = demoStations();
  const orgIds = new Map<string, string>();
  let stationsCreated = 0;
  const keys: { station: DemoStation; stationKey: number }[] = [];
  for (const station of wanted) {
    let ref = ctx.monitoring.stationDirectory.findByCode(station.code);
    if (ref === undefined) {
      let owner = orgIds.get(station.owner);
      if (owner === undefined) {
        const org = await ctx.identity.organisations.findByIdOrName(SYSTEM, station.owner);
        if (org === undefined) throw new Error(`demo organisation ${station.owner} is missing: seed the identity demo data first`);
        owner = org.id;
        orgIds.set(station.owner, owner);
      }
      await ctx.monitoring.stations.create(SYSTEM, {
        code: station.code,
        name: station.name,
        nameEn: station.nameEn,
        kind: station.kind,
        subKind: station.subKind,
        waterBody: station.waterBody,
        longitude: station.longitude,
        latitude: station.latitude,
        provinceCode: station.provinceCode,
        cityCode: station.cityCode,
        ownerOrganisationId: owner,
        parameters: station.parameters.map((p) => ({ code: p.code, unit: p.unit, ...(p.permitLimit === undefined ? {} : { permitLimit: p.permitLimit }) })),
      });
      ref = ctx.monitoring.stationDirectory.findByCode(station.code)!;
      stationsCreated += 1;
    }
    if (station.targetClass !== undefined) await ctx.assessment.setWaterTarget(ref.id, station.targetClass);
    keys.push({ station, stationKey: ref.stationKey });
  }
  progress(`monitoring stations: ${stationsCreated} created, ${wanted.length} in the demo set`);

  const BATCH = 25_000;
  let batch: NewReading[] = [];
  let generated = 0;
  let inserted = 0;
  const send = async () => {
    if (batch.length === 0) return;
    const result = await ctx.monitoring.ingestReadings(batch);
    inserted += result.inserted;
    batch = [];
  };
  await ctx.assessment.withBackgroundPaused(async () => {
    for (const [index, { station, stationKey }] of keys.entries()) {
      for (const reading of readingsOf(station, stationKey, from, anchorDay, monthsFrom)) {
        batch.push(reading);
        generated += 1;
        if (batch.length >= BATCH) await send();
      }
      if ((index + 1) % 10 === 0 || index === keys.length - 1) progress(`monitoring readings: ${index + 1}/${keys.length} stations, ${generated} readings`);
    }
    await send();
  });
  const ingested = performance.now();
  progress(`monitoring readings: ${inserted} inserted (${generated - inserted} already present) in ${Math.round(ingested - started)} ms; computing roll-ups, AQI, water class and alerts…`);
  const flushed = await ctx.assessment.flush();
  const milliseconds = Math.round(performance.now() - started);
  progress(`assessment: ${flushed.keys} station-parameter-days in ${flushed.batches} batches, ${flushed.alertsRaised} alerts raised in ${Math.round(performance.now() - ingested)} ms; ${milliseconds} ms in all`);
  return { stationsCreated, stations: wanted.length, readingsInserted: inserted, readingsGenerated: generated, flushedKeys: flushed.keys, milliseconds };
}
