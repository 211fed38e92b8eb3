import type { PortableMigration } from '../migrator';

/**
 * Assessment: roll-ups (day/month/year per station and parameter), AQI per station-hour and
 * station-day, GB 3838 water class per sample and per section-month, exceedance alerts, water
 * target classes, and the durable queue of days whose roll-ups must be recomputed.
 * Keyed by the monitoring station's compact `station_key`, like the readings they derive from.
 */
export const assessment: PortableMigration = {
  name: '20261128-04-assessment',

  async up(db) {
    // Durable work queue: one row per (station, parameter, Beijing day) to recompute.
    // `enqueued_at` is bumped on re-enqueue so that a worker only deletes what it processed.
    await db.schema
      .createTable('assessment_dirty_days')
      .addColumn('station_key', 'integer', (col) => col.notNull())
      .addColumn('parameter_code', 'text', (col) => col.notNull())
      .addColumn('day_start', 'bigint', (col) => col.notNull())
      .addColumn('enqueued_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('assessment_dirty_days_pk', ['station_key', 'parameter_code', 'day_start'])
      .execute();

    await db.schema
      .createTable('assessment_rollups')
      .addColumn('station_key', 'integer', (col) => col.notNull())
      .addColumn('parameter_code', 'text', (col) => col.notNull())
      // day | month | year (Beijing-time periods; period_start is the UTC epoch ms of 00:00 +08:00)
      .addColumn('period', 'text', (col) => col.notNull())
      .addColumn('period_start', 'bigint', (col) => col.notNull())
      .addColumn('mean', 'double precision')
      .addColumn('min', 'double precision')
      .addColumn('max', 'double precision')
      .addColumn('sum', 'double precision', (col) => col.notNull())
      .addColumn('count', 'integer', (col) => col.notNull())
      .addColumn('expected', 'integer', (col) => col.notNull())
      .addColumn('coverage', 'double precision', (col) => col.notNull())
      .addColumn('complete', 'integer', (col) => col.notNull())
      // hour (from hour readings) | derived (hour means from minute/real-time data) | sample (discrete samples)
      .addColumn('basis', 'text', (col) => col.notNull())
      .addColumn('computed_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('assessment_rollups_pk', ['station_key', 'parameter_code', 'period', 'period_start'])
      .execute();

    await db.schema
      .createTable('air_quality_hourly')
      .addColumn('station_key', 'integer', (col) => col.notNull())
      .addColumn('observed_at', 'bigint', (col) => col.notNull())
      // HJ 633 edition used: 2012 | 2026
      .addColumn('standard', 'text', (col) => col.notNull())
      .addColumn('aqi', 'integer')
      .addColumn('level', 'integer')
      .addColumn('category', 'text')
      .addColumn('primary_pollutants', 'text', (col) => col.notNull())
      .addColumn('iaqi', 'text', (col) => col.notNull())
      .addColumn('concentrations', 'text', (col) => col.notNull())
      .addColumn('publishable', 'integer', (col) => col.notNull())
      .addColumn('computed_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('air_quality_hourly_pk', ['station_key', 'observed_at'])
      .execute();

    await db.schema
      .createTable('air_quality_daily')
      .addColumn('station_key', 'integer', (col) => col.notNull())
      .addColumn('day_start', 'bigint', (col) => col.notNull())
      .addColumn('standard', 'text', (col) => col.notNull())
      .addColumn('aqi', 'integer')
      .addColumn('level', 'integer')
      .addColumn('category', 'text')
      .addColumn('primary_pollutants', 'text', (col) => col.notNull())
      .addColumn('iaqi', 'text', (col) => col.notNull())
      .addColumn('concentrations', 'text', (col) => col.notNull())
      .addColumn('publishable', 'integer', (col) => col.notNull())
      // 1 when all six daily indicators met the completeness rules
      .addColumn('complete', 'integer', (col) => col.notNull())
      .addColumn('computed_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('air_quality_daily_pk', ['station_key', 'day_start'])
      .execute();

    await db.schema
      .createTable('water_class_samples')
      .addColumn('station_key', 'integer', (col) => col.notNull())
      .addColumn('sampled_at', 'bigint', (col) => col.notNull())
      // sample (manual sample) | daily (automatic station's daily means)
      .addColumn('basis', 'text', (col) => col.notNull())
      .addColumn('water_body', 'text', (col) => col.notNull())
      .addColumn('class', 'text', (col) => col.notNull())
      .addColumn('class_rank', 'integer', (col) => col.notNull())
      .addColumn('grade', 'text', (col) => col.notNull())
      .addColumn('item_classes', 'text', (col) => col.notNull())
      .addColumn('main_pollutants', 'text', (col) => col.notNull())
      .addColumn('item_values', 'text', (col) => col.notNull())
      .addColumn('computed_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('water_class_samples_pk', ['station_key', 'sampled_at'])
      .execute();

    await db.schema
      .createTable('water_class_monthly')
      .addColumn('station_key', 'integer', (col) => col.notNull())
      .addColumn('month_start', 'bigint', (col) => col.notNull())
      .addColumn('water_body', 'text', (col) => col.notNull())
      .addColumn('class', 'text', (col) => col.notNull())
      .addColumn('class_rank', 'integer', (col) => col.notNull())
      .addColumn('grade', 'text', (col) => col.notNull())
      .addColumn('item_classes', 'text', (col) => col.notNull())
      .addColumn('main_pollutants', 'text', (col) => col.notNull())
      .addColumn('item_values', 'text', (col) => col.notNull())
      .addColumn('computed_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('water_class_monthly_pk', ['station_key', 'month_start'])
      .execute();

    // Target class (水质目标) of a surface-water section: items worse than it raise alerts.
    await db.schema
      .createTable('assessment_water_targets')
      .addColumn('station_id', 'text', (col) => col.primaryKey().references('monitoring_stations.id').onDelete('cascade'))
      .addColumn('target_class', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('assessment_alerts')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('station_id', 'text', (col) => col.notNull().references('monitoring_stations.id').onDelete('cascade'))
      .addColumn('station_key', 'integer', (col) => col.notNull())
      // The station's owner at the time the alert was raised: it is routed there.
      .addColumn('organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('parameter_code', 'text', (col) => col.notNull())
      // standard | permit
      .addColumn('kind', 'text', (col) => col.notNull())
      // hour | day | sample: what the value is
      .addColumn('basis', 'text', (col) => col.notNull())
      .addColumn('observed_at', 'bigint', (col) => col.notNull())
      // Deduplication bucket: start of the UTC hour of observed_at.
      .addColumn('hour_bucket', 'bigint', (col) => col.notNull())
      .addColumn('value', 'double precision', (col) => col.notNull())
      .addColumn('limit_value', 'double precision', (col) => col.notNull())
      .addColumn('detail', 'text', (col) => col.notNull())
      // open | acknowledged | closed
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('acknowledged_at', 'bigint')
      .addColumn('acknowledged_by', 'text')
      .addColumn('closed_at', 'bigint')
      .addColumn('closed_by', 'text')
      .execute();
    await db.schema
      .createIndex('assessment_alerts_dedup_idx')
      .on('assessment_alerts')
      .columns(['station_key', 'parameter_code', 'kind', 'hour_bucket'])
      .unique()
      .execute();
    await db.schema.createIndex('assessment_alerts_org_idx').on('assessment_alerts').columns(['organisation_id', 'created_at']).execute();
    await db.schema.createIndex('assessment_alerts_created_idx').on('assessment_alerts').column('created_at').execute();
  },

  async down(db) {
    for (const table of [
      'assessment_alerts',
      'assessment_water_targets',
      'water_class_monthly',
      'water_class_samples',
      'air_quality_daily',
      'air_quality_hourly',
      'assessment_rollups',
      'assessment_dirty_days',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
