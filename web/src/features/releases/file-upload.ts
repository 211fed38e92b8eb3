import type { ReviewEntry, UploadMode, UploadReport } from '../../../../src/contracts/releases';
import { api } from '../../app/api/api-client';
import { ApiError, isErrorEnvelope } from '../../app/api/api-error';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function postRaw(url: string, contentType: string, body: Blob, csrfToken: string): Promise<{ status: number; payload: unknown }> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { accept: 'application/json', 'content-type': contentType, 'x-csrf-token': csrfToken }, credentials: 'same-origin', body });
    return { status: response.status, payload: await response.json().catch(() => undefined) };
  } catch (cause) {
    throw ApiError.network(cause);
  }
}

/**
 * Sends a CSV or XLSX file as the raw body (the JSON client cannot send files). An unreadable
 * file (422 UPLOAD_UNREADABLE) was stored with its problems: its report is fetched and returned
 * like any other, so the wizard shows what to fix. Other failures throw.
 */
export async function uploadFile(datasetId: string, file: File, options: { mode: UploadMode; table?: string | undefined; schemaVersion: number; csrfToken: string }): Promise<UploadReport> {
  const xlsx = file.name.toLowerCase().endsWith('.xlsx');
  const params = new URLSearchParams({ mode: options.mode, fileName: file.name, schemaVersion: String(options.schemaVersion) });
  if (options.table) params.set('table', options.table);
  const { status, payload } = await postRaw(`/api/v1/datasets/${datasetId}/uploads?${params.toString()}`, xlsx ? XLSX_MIME : 'text/csv', file, options.csrfToken);
  if (status === 201) return payload as UploadReport;
  if (isErrorEnvelope(payload)) {
    const details = payload.error.details as { uploadId?: string } | undefined;
    if (payload.error.code === 'UPLOAD_UNREADABLE' && details?.uploadId) return api.get<UploadReport>(`/datasets/${datasetId}/uploads/${details.uploadId}`);
    throw ApiError.fromEnvelope(status, payload);
  }
  throw ApiError.badResponse(status);
}

/** Attaches a small file to one's own thread entry (the server sniffs its type). */
export async function attachFile(releaseId: string, entryId: string, file: File, csrfToken: string): Promise<ReviewEntry> {
  const { status, payload } = await postRaw(`/api/v1/releases/${releaseId}/messages/${entryId}/attachments?fileName=${encodeURIComponent(file.name)}`, 'application/octet-stream', file, csrfToken);
  if (status === 201) return payload as ReviewEntry;
  if (isErrorEnvelope(payload)) throw ApiError.fromEnvelope(status, payload);
  throw ApiError.badResponse(status);
}
