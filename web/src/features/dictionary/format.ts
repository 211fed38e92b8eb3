import type { DataElement } from '../../../../src/contracts/dictionary';

/** `0 … 500`, `≥ 0`, `≤ 14` or empty, for an element's value range. */
export function formatRange(element: Pick<DataElement, 'min' | 'max'>): string {
  if (element.min !== null && element.max !== null) return `${element.min} … ${element.max}`;
  if (element.min !== null) return `≥ ${element.min}`;
  if (element.max !== null) return `≤ ${element.max}`;
  return '';
}
