import iconv from 'iconv-lite';

/**
 * Text files arrive from Excel in whatever encoding the submitter's Windows uses: "CSV UTF-8"
 * (with a BOM), plain "CSV" (GBK on a Chinese Windows), or UTF-8 without a BOM from other
 * tools. We decode strictly and fall back, so a GBK file never turns into mojibake that would
 * then pass validation as text.
 */
export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeResult = { ok: true; text: string; encoding: DetectedEncoding } | { ok: false; encoding: DetectedEncoding; byteOffset: number };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf8 = decodeUtf8(bytes);
  if (utf8.ok) return utf8;
  // GB18030 is the superset of GBK and GB2312, so one decoder covers every Chinese Excel.
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) return { ok: false, encoding: 'gb18030', byteOffset: byteOffsetOfCharacter(text, bad) };
  return { ok: true, text, encoding: 'gb18030' };
}

function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { ok: false, encoding: 'utf-8', byteOffset: firstInvalidUtf8Byte(bytes) };
  }
}

/** Approximate byte position for the error message: GB18030 characters take 1, 2 or 4 bytes. */
function byteOffsetOfCharacter(text: string, index: number): number {
  return iconv.encode(text.slice(0, index), 'gb18030').length;
}

/** Where strict decoding gave up, for the error message (the first replacement character). */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bad = lenient.indexOf('\ufffd');
  return bad < 0 ? 0 : Buffer.byteLength(lenient.slice(0, bad), 'utf8');
}
