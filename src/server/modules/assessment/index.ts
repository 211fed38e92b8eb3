/**
 * The assessment module's public surface: incremental roll-ups (day/month/year), AQI per
 * station-hour and station-day, GB 3838 water class per sample and section-month, and
 * exceedance alerts routed to the station's owner organisation.
 */
export { createAssessmentService, type AssessmentDeps, type AssessmentService, type FlushResult, type StoredBatchLike } from './assessment.service';
export { registerAssessmentRoutes } from './assessment.routes';
export { DEFAULT_COMPLETENESS, type CompletenessRules } from './assessment.completeness';
export { HOURLY_AQI_ALERT_THRESHOLD } from './assessment.engine';
export { beijingDayStart, beijingMonthStart, beijingYearStart } from './assessment.periods';
