import type { ReleaseStatus } from '../../../contracts/sharing';
import type { Executor } from '../../db/database';

/** One release as the sharing figures need it (共享成效). */
export interface ReleaseFact {
  datasetId: string;
  status: ReleaseStatus;
  submittedAt: number;
  decidedAt: number | null;
}

/** One upload's validation outcome: passed = readable, with no BLOCKER and no ERROR result. */
export interface UploadValidationFact {
  datasetId: string;
  at: number;
  passed: boolean;
}

export async function releaseFacts(executor: Executor): Promise<ReleaseFact[]> {
  const rows = await executor.selectFrom('releases').select(['dataset_id', 'status', 'submitted_at', 'decided_at']).execute();
  return rows.map((row) => ({ datasetId: row.dataset_id, status: row.status, submittedAt: row.submitted_at, decidedAt: row.decided_at }));
}

export async function uploadValidationFacts(executor: Executor): Promise<UploadValidationFact[]> {
  const rows = await executor.selectFrom('uploads').select(['dataset_id', 'created_at', 'status', 'blocker_count', 'error_count']).execute();
  return rows.map((row) => ({ datasetId: row.dataset_id, at: row.created_at, passed: row.status !== 'rejected' && row.blocker_count === 0 && row.error_count === 0 }));
}
