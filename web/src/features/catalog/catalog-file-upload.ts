import type { CatalogImportReport } from '../../../../src/contracts/catalog';
import { XLSX_MEDIA_TYPE } from '../../../../src/contracts/catalog';
import { ApiError, isErrorEnvelope } from '../../app/api/api-error';

/** The media type the server reads the file as: by its name, since browsers often leave `type` empty for XLSX. */
function mediaTypeOf(file: File): string {
  return file.name.toLowerCase().endsWith('.json') ? 'application/json' : XLSX_MEDIA_TYPE;
}

/**
 * POSTs a provincial catalog file to /catalog/import as the raw body (the JSON client cannot
 * send files). A refused import (422 CATALOG_IMPORT_REJECTED) carries the full per-row report in
 * its details: it is returned like a dry run's, so the modal shows the rows either way. A file
 * that is no catalog at all (400, 413, 415) throws.
 */
export async function uploadCatalog(file: File, options: { dryRun: boolean; csrfToken: string }): Promise<CatalogImportReport> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/catalog/import?dryRun=${options.dryRun}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': mediaTypeOf(file), 'x-csrf-token': options.csrfToken },
      credentials: 'same-origin',
      body: file,
    });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as CatalogImportReport;
  if (isErrorEnvelope(payload)) {
    const details = payload.error.details as CatalogImportReport | undefined;
    if (payload.error.code === 'CATALOG_IMPORT_REJECTED' && details && Array.isArray(details.rows)) return details;
    throw ApiError.fromEnvelope(response.status, payload);
  }
  throw ApiError.badResponse(response.status);
}
