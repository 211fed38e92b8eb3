// Public surface of the HJ 633 (2012 and 2026) AQI library.
export { breakpointsOf, IAQI_LEVELS, type AqiIndicator, type AqiStandard } from './breakpoints';
export { computeIaqi, type IaqiOutcome, type IaqiRule } from './iaqi';
export { ceilIndex, roundGbt8170 } from './rounding';
export { AQI_CATEGORIES, aqiCategoryOf, type AqiCategory, type AqiLevel } from './categories';
export { aqiStandardFor } from './standard-by-date';
export {
  computeAqi,
  AQI_POLLUTANTS,
  AQI_SLIDING_PM,
  type AqiInput,
  type AqiMode,
  type AqiNote,
  type AqiOptions,
  type AqiOutcome,
  type AqiPollutant,
  type AqiRatedKey,
  type AqiSlidingPm,
  type AqiResult,
  type AqiError,
} from './compute-aqi';
