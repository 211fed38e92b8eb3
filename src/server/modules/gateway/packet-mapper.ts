import type { Hj212Envelope, Hj212Message } from '../../../standards/hj212';
import type { NewReading, ReadingInterval } from './gateway.types';
import { parseReadingValue } from './reading-value';
import { uploadValuesOf, type UploadValues } from './upload-values';

/**
 * Uploads that carry readings, the interval they are stored under and the suffix that holds the
 * value (hj212.md §6.3, §8.2): real-time data carries `Rtd` (the sampling instant's value);
 * minute, hour and day data carry `Min/Avg/Max/Cou` over the period and the period's value is
 * its average `Avg`. `DataTime` is the sampling instant for 2011 and the period start otherwise.
 * `Zs…` (reference-condition) values, `Min`, `Max` and `Cou` are not stored as readings.
 */
export const DATA_CNS: Readonly<Record<string, { interval: ReadingInterval; suffix: 'Rtd' | 'Avg' }>> = {
  '2011': { interval: 'rt', suffix: 'Rtd' },
  '2051': { interval: 'min', suffix: 'Avg' },
  '2061': { interval: 'hour', suffix: 'Avg' },
  '2031': { interval: 'day', suffix: 'Avg' },
};

/** Why a whole data packet was refused (nothing of it is stored, no ack is sent). */
export type PacketRejection =
  | { reason: 'MISSING_DATATIME'; message: string }
  | { reason: 'BAD_DATATIME'; message: string }
  | { reason: 'FUTURE_DATATIME'; message: string };

/** A single value refused inside an otherwise stored packet. */
export interface ValueRejection {
  reason: 'NON_NUMERIC_VALUE';
  code: string;
  message: string;
}

export type MapResult =
  | { ok: true; readings: NewReading[]; rejectedValues: ValueRejection[]; ignoredCodes: number }
  | { ok: false; rejection: PacketRejection };

/**
 * Maps a decoded data upload (CN 2011/2051/2061/2031) of a known station to readings.
 * Rules: `DataTime` (Beijing time) must be present, a real calendar instant and not later than
 * `nowMs + futureToleranceMs`, otherwise the whole packet is rejected. A value that is not a
 * plain decimal number is rejected on its own (reason NON_NUMERIC_VALUE) and the packet's other
 * values are stored: one broken analyser must not cost the station its other parameters.
 * Pollutant codes are normalised to HJ 212-2017 (2005 codes such as `011` become `w01018`);
 * when two fields normalise to the same code, the first wins. Codes without the primary suffix
 * (e.g. only `ZsRtd` or `Cou`) are counted in `ignoredCodes`.
 */
export function mapDataPacket(
  message: Pick<Hj212Message, 'cn' | 'cp' | 'values' | 'dataTime'>,
  stationKey: number,
  nowMs: number,
  futureToleranceMs: number,
): MapResult {
  return mapUpload(message, uploadValuesOf(message.values), stationKey, nowMs, futureToleranceMs);
}

/**
 * {@link mapDataPacket} with the pollutant values given apart from the message, e.g. collected
 * while decoding (the gateway's path, which never builds the `values` record). Same rules.
 */
export function mapUpload(
  message: Pick<Hj212Envelope, 'cn' | 'cp' | 'dataTime'>,
  values: UploadValues,
  stationKey: number,
  nowMs: number,
  futureToleranceMs: number,
): MapResult {
  const kind = message.cn === null ? undefined : DATA_CNS[message.cn];
  if (kind === undefined) return { ok: true, readings: [], rejectedValues: [], ignoredCodes: 0 };
  const rawTime = message.cp.DataTime;
  if (rawTime === undefined) return { ok: false, rejection: { reason: 'MISSING_DATATIME', message: 'data packet has no DataTime' } };
  if (message.dataTime === null) {
    return { ok: false, rejection: { reason: 'BAD_DATATIME', message: `DataTime ${JSON.stringify(rawTime)} is not a valid YYYYMMDDhhmmss[zzz]` } };
  }
  const observedAt = message.dataTime.epochMs;
  if (observedAt > nowMs + futureToleranceMs) {
    return {
      ok: false,
      rejection: { reason: 'FUTURE_DATATIME', message: `DataTime ${message.dataTime.iso} is ${Math.round((observedAt - nowMs) / 1000)} s in the future` },
    };
  }
  const readings: NewReading[] = [];
  const rejectedValues: ValueRejection[] = [];
  const seen = new Set<string>();
  let ignoredCodes = 0;
  for (let index = 0; index < values.size; index++) {
    const code = values.code(index);
    const text = values.value(index, kind.suffix);
    if (text === undefined) {
      ignoredCodes++;
      continue;
    }
    const parameterCode = values.parameterCode(index);
    if (seen.has(parameterCode)) continue;
    seen.add(parameterCode);
    const value = parseReadingValue(text);
    if (value === null) {
      rejectedValues.push({ reason: 'NON_NUMERIC_VALUE', code, message: `${code}-${kind.suffix}=${JSON.stringify(text.slice(0, 40))} is not a number` });
      continue;
    }
    const flag = values.value(index, 'Flag');
    readings.push({
      stationKey,
      parameterCode,
      interval: kind.interval,
      observedAt,
      value,
      flag: flag === undefined || flag === '' ? null : flag.slice(0, 8),
      source: 'gateway',
    });
  }
  return { ok: true, readings, rejectedValues, ignoredCodes };
}
