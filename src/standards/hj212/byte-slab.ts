/** Size of the shared buffers small arrays are carved from. */
const SLAB_BYTES = 16 * 1024;
/** Arrays from this size on get a buffer of their own. */
const OWN_BUFFER_FROM = 4 * 1024;

let slab = new ArrayBuffer(0);
let used = 0;

/**
 * A new zero-filled byte array, carved from a shared 16 KiB buffer when it is small. An
 * ArrayBuffer of its own per frame and per reply cost about a microsecond each, with its share of
 * garbage collection; the framer and the ack encoder make one per packet. A region is handed out
 * once only, so the array belongs to the caller — but while it lives it keeps its whole slab
 * alive (as Node's Buffer pool does with 8 KiB), so keep long-lived bytes in a copy of their own.
 */
export function allocateBytes(length: number): Uint8Array {
  if (length >= OWN_BUFFER_FROM) return new Uint8Array(length);
  if (used + length > slab.byteLength) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const bytes = new Uint8Array(slab, used, length);
  used += length;
  return bytes;
}
