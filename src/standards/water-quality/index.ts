// Public surface of the GB 3838-2002 surface-water quality library.
export { WATER_ITEMS, ruleOf, type WaterItem, type WaterBody, type ItemRule, type ClassLimits } from './limits';
export { WATER_CLASSES, classRank, classifyValue, qualitativeGrade, type WaterClass } from './water-class';
export {
  assessWaterSample,
  classifyWaterItem,
  type WaterAssessment,
  type WaterAssessmentError,
  type WaterAssessmentOptions,
  type WaterAssessmentOutcome,
  type MainPollutant,
  type ReferenceItem,
} from './assess-sample';
