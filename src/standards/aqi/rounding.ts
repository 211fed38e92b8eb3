/** Tolerance for "mathematically an integer" after floating-point arithmetic. */
const INTEGER_EPSILON = 1e-9;

/**
 * Rounds an IAQI or AQI up to an integer (向上进位取整数, HJ 633-2026 4.2.6; universal 2012
 * practice), but a value within 1e-9 of an integer is that integer: 100.00000000001 is 100,
 * not 101, because the excess is floating-point noise from the interpolation.
 */
export function ceilIndex(value: number): number {
  const nearest = Math.round(value);
  return Math.abs(value - nearest) < INTEGER_EPSILON ? nearest : Math.ceil(value);
}

/**
 * Rounds to `decimals` places per GB/T 8170 (数值修约: round half to even, 四舍六入五成双).
 * Works on the decimal value the caller meant: 0.25 → 0.2 and 0.35 → 0.4 at one decimal, even
 * though 0.35 is stored as 0.34999…
 */
export function roundGbt8170(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // Re-read the scaled value at 12 significant digits so binary noise cannot fake or hide a tie.
  const scaled = Number((value * factor).toPrecision(12));
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  let rounded: number;
  if (Math.abs(fraction - 0.5) < INTEGER_EPSILON) rounded = floor % 2 === 0 ? floor : floor + 1;
  else rounded = Math.round(scaled);
  return rounded / factor;
}
