import { CP_END, CP_FIELD, CpFieldReader } from './cp-reader';

/** One `Key=Value` field of the CP data area, with the index of the `;`-separated item it belongs to. */
export interface CpField {
  readonly key: string;
  readonly value: string;
  readonly item: number;
}

export interface CpTokens {
  readonly fields: CpField[];
  /** Non-blank tokens without `=`; kept so the caller can warn about them. */
  readonly malformed: string[];
}

/**
 * Splits a CP body (the text between `CP=&&` and the closing `&&`) into fields with the rules
 * of {@link CpFieldReader} (hj212.md §6.1). For hot paths, read the fields with a
 * `CpFieldReader` instead: this builds an object and two strings per field.
 */
export function tokenizeCp(body: string): CpTokens {
  const fields: CpField[] = [];
  const malformed: string[] = [];
  const reader = new CpFieldReader().reset(body);
  for (let token = reader.next(); token !== CP_END; token = reader.next()) {
    if (token === CP_FIELD) fields.push({ key: reader.key(), value: reader.value(), item: reader.item });
    else malformed.push(reader.key());
  }
  return { fields, malformed };
}
