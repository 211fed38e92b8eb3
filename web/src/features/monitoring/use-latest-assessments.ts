import { useMemo } from 'react';
import type { Static } from 'typebox';
import type { LatestAirQualityResponse, LatestWaterQualityResponse } from '../../../../src/contracts/assessment';
import { useApiQuery } from '../../app/api/use-api-query';

export type LatestAir = Static<typeof LatestAirQualityResponse>['items'][number];
export type LatestWater = Static<typeof LatestWaterQualityResponse>['items'][number];

export interface LatestAssessments {
  air: Map<string, LatestAir>;
  water: Map<string, LatestWater>;
  loading: boolean;
}

/** The latest hourly AQI of every air station and the latest class of every water station, by station id. */
export function useLatestAssessments(): LatestAssessments {
  const air = useApiQuery<Static<typeof LatestAirQualityResponse>>('/air-quality/latest');
  const water = useApiQuery<Static<typeof LatestWaterQualityResponse>>('/water-quality/latest');
  const airMap = useMemo(() => new Map((air.data?.items ?? []).map((item) => [item.stationId, item])), [air.data]);
  const waterMap = useMemo(() => new Map((water.data?.items ?? []).map((item) => [item.stationId, item])), [water.data]);
  return { air: airMap, water: waterMap, loading: air.loading || water.loading };
}
