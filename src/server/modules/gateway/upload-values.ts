import { normalizePollutantCode, unitsOf, type CpFieldReader, type Hj212Message, type PollutantFieldSink } from '../../../standards/hj212';

/** The suffixes the mapper reads (hj212.md §6.3): the primary value of each interval and its flag. */
export type MappedSuffix = 'Rtd' | 'Avg' | 'Flag';

/**
 * An upload's pollutant values as the mapper reads them: codes in the order `Object.entries`
 * lists the decoder's `values` record, and per code the first value of a suffix.
 */
export interface UploadValues {
  readonly size: number;
  code(index: number): string;
  /** The code in its HJ 212-2017 form (`normalizePollutantCode`). */
  parameterCode(index: number): string;
  value(index: number, suffix: MappedSuffix): string | undefined;
}

/** {@link UploadValues} over a decoded `values` record. */
export function uploadValuesOf(values: Hj212Message['values']): UploadValues {
  const entries = Object.entries(values);
  return {
    size: entries.length,
    code: (index) => entries[index]![0],
    parameterCode: (index) => normalizePollutantCode(entries[index]![0]),
    value: (index, suffix) => entries[index]![1][suffix],
  };
}

/**
 * Collects {@link UploadValues} while the decoder reads the CP (it is the decoder's pollutant
 * sink), so the gateway never builds the `values` record: a code × suffix tree of null-prototype
 * objects keyed by freshly sliced strings was most of the decoding time. Codes live in an array,
 * never as object keys, so wire keys such as `__proto__` stay plain strings.
 *
 * One collector serves one connection, packet after packet: {@link reset} before each. A logger
 * sends the same codes in the same order every time, so a new code is first compared with the
 * code that sat in the same slot in the previous packet, which is then kept without slicing or
 * searching.
 */
export class UploadValueCollector implements PollutantFieldSink, UploadValues {
  private readonly codes: string[] = [];
  /** Per slot: the code's units (compared with the wire), its 2017 form, whether it is an array index. */
  private readonly codeUnits: Uint16Array[] = [];
  private readonly parameterCodes: string[] = [];
  private readonly indexCodes: boolean[] = [];
  private readonly rtd: (string | undefined)[] = [];
  private readonly avg: (string | undefined)[] = [];
  private readonly flag: (string | undefined)[] = [];
  private count = 0;
  /** Slot of the previous field's code: a code's fields usually come together. */
  private previous = -1;
  /** `codes[0, distinct)` are pairwise different: the slots a whole earlier packet filled. */
  private distinct = 0;
  /** This packet has so far put in every slot the code that was already there. */
  private unchanged = true;
  private hasIndexCode = false;
  /** Slots in record order, when some code is an array index (see {@link recordOrder}). */
  private order: number[] | null = null;

  reset(): void {
    if (!this.unchanged) this.distinct = this.count;
    this.unchanged = true;
    this.count = 0;
    this.previous = -1;
    this.hasIndexCode = false;
    this.order = null;
  }

  pollutantField(field: CpFieldReader): void {
    const slot = this.previous >= 0 && field.codeIs(this.codeUnits[this.previous]!) ? this.previous : this.slotOf(field);
    this.previous = slot;
    // The first value of a suffix wins, as in the decoder's `values` record.
    if (field.suffixIs(AVG)) {
      if (this.avg[slot] === undefined) this.avg[slot] = field.value();
    } else if (field.suffixIs(FLAG)) {
      if (this.flag[slot] === undefined) this.flag[slot] = field.value();
    } else if (field.suffixIs(RTD)) {
      if (this.rtd[slot] === undefined) this.rtd[slot] = field.value();
    }
  }

  get size(): number {
    return this.count;
  }

  code(index: number): string {
    return this.codes[this.slot(index)]!;
  }

  parameterCode(index: number): string {
    return this.parameterCodes[this.slot(index)]!;
  }

  value(index: number, suffix: MappedSuffix): string | undefined {
    const slot = this.slot(index);
    return suffix === 'Avg' ? this.avg[slot] : suffix === 'Flag' ? this.flag[slot] : this.rtd[slot];
  }

  /** The slot of the field's code, opening one for a code new in this packet. */
  private slotOf(field: CpFieldReader): number {
    const next = this.count;
    // While this packet repeats the earlier slots, the code kept in the next slot differs from
    // all of them: if it matches, the code is new here and needs no search.
    if (this.unchanged && next < this.distinct && field.codeIs(this.codeUnits[next]!)) return this.open(next);
    for (let slot = 0; slot < next; slot++) if (field.codeIs(this.codeUnits[slot]!)) return slot;
    this.unchanged = false;
    const code = field.code();
    this.codes[next] = code;
    this.codeUnits[next] = unitsOf(code);
    this.parameterCodes[next] = normalizePollutantCode(code);
    this.indexCodes[next] = isArrayIndex(code);
    return this.open(next);
  }

  private open(slot: number): number {
    this.count = slot + 1;
    if (this.indexCodes[slot] === true) this.hasIndexCode = true;
    this.rtd[slot] = undefined;
    this.avg[slot] = undefined;
    this.flag[slot] = undefined;
    return slot;
  }

  private slot(index: number): number {
    if (!this.hasIndexCode) return index;
    this.order ??= this.recordOrder();
    return this.order[index]!;
  }

  /**
   * Object keys that are array indices (`'1'`, `'100000'`, not `'01'`) come first, in numeric
   * order, then the others in insertion order: the order of the decoder's record, which decides
   * which of two codes normalising to the same 2017 code is stored.
   */
  private recordOrder(): number[] {
    const slots = Array.from({ length: this.count }, (_, slot) => slot);
    const indices = slots.filter((slot) => this.indexCodes[slot]).sort((a, b) => Number(this.codes[a]) - Number(this.codes[b]));
    return [...indices, ...slots.filter((slot) => !this.indexCodes[slot])];
  }
}

const AVG = unitsOf('Avg');
const FLAG = unitsOf('Flag');
const RTD = unitsOf('Rtd');
const MAX_ARRAY_INDEX = 2 ** 32 - 2;

/** Whether an object would treat `key` as an array index: a canonical decimal integer up to 2³² − 2. */
export function isArrayIndex(key: string): boolean {
  const length = key.length;
  if (length === 0 || length > 10) return false;
  if (key === '0') return true;
  const first = key.charCodeAt(0);
  if (first < 0x31 || first > 0x39) return false;
  for (let i = 1; i < length; i++) {
    const code = key.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return Number(key) <= MAX_ARRAY_INDEX;
}
