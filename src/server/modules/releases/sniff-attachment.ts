import { fileTypeFromBuffer } from 'file-type';

/**
 * Review attachments are evidence (a scanned letter, a corrected sheet, a photo), so only these
 * kinds are kept. The type comes from the bytes, never from the client's header or file name,
 * and every attachment is served as a download with nosniff, so nothing uploaded is executed or
 * rendered inline by the platform's origin.
 */
const ALLOWED_BINARY = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/zip',
]);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The sniffed type, or null when the bytes are none of the allowed kinds. */
export async function sniffAttachmentType(bytes: Uint8Array): Promise<string | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return ALLOWED_BINARY.has(detected.mime) ? detected.mime : null;
  // Plain text (notes, CSV): valid UTF-8 without control characters other than tab and line breaks.
  try {
    const text = strictUtf8.decode(bytes);
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : 'text/plain; charset=utf-8';
  } catch {
    return null;
  }
}
