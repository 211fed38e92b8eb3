import type { ImportReport } from '../../../../src/contracts/monitoring';
import { ApiError, isErrorEnvelope } from '../../app/api/api-error';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * POSTs a workbook to /samples/import as the raw XLSX body (the JSON client cannot send files).
 * A refused import (422) carries the full report in the error's details: it is returned like a
 * successful one, so the page shows the per-row errors either way. Other failures throw.
 */
export async function uploadSamples(file: Blob, options: { dryRun: boolean; csrfToken: string }): Promise<ImportReport> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/samples/import?dryRun=${options.dryRun}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': XLSX_MIME, 'x-csrf-token': options.csrfToken },
      credentials: 'same-origin',
      body: file,
    });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as ImportReport;
  if (isErrorEnvelope(payload)) {
    const details = payload.error.details as ImportReport | undefined;
    if (response.status === 422 && details && Array.isArray(details.errors)) return details;
    throw ApiError.fromEnvelope(response.status, payload);
  }
  throw ApiError.badResponse(response.status);
}
