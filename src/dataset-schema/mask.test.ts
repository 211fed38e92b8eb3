import { describe, expect, it } from 'vitest';
import { waterSectionsDefinition } from './fixtures.test-support';
import { compileRowMasker, maskIdNumber, maskName, maskPhone, maskValue, roundCoordinates } from './mask';

describe('masking', () => {
  it('masks phone numbers keeping the first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('025-8328 7000')).toBe('025****7000');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('masks ID numbers keeping the first and last four characters', () => {
    expect(maskIdNumber('32010219900101123X')).toBe('3201**********123X');
    expect(maskIdNumber('1234')).toBe('****');
  });

  it('masks Chinese and Latin names', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('John Smith')).toBe('J*** S****');
  });

  it('rounds coordinates of any geometry', () => {
    expect(roundCoordinates({ type: 'Point', coordinates: [120.23456, 31.98765] }, 2)).toEqual({ type: 'Point', coordinates: [120.23, 31.99] });
    expect(roundCoordinates({ type: 'LineString', coordinates: [[1.26, 2.24], [3.35, 4.45]] }, 1)).toEqual({ type: 'LineString', coordinates: [[1.3, 2.2], [3.4, 4.5]] });
  });

  it('hides values and keeps blanks blank', () => {
    expect(maskValue('secret', { kind: 'hide' })).toBeNull();
    expect(maskValue(null, { kind: 'phone' })).toBeNull();
  });

  it('masks a row by the schema, leaving granted-in-clear fields alone', () => {
    const row = { section_code: 'JS0001', contact_phone: '13812345678', location: { type: 'Point', coordinates: [120.2345, 31.1234] } };
    const masker = compileRowMasker(waterSectionsDefinition(), 'sections');
    expect(masker(row)).toEqual({ section_code: 'JS0001', contact_phone: '138****5678', location: { type: 'Point', coordinates: [120.23, 31.12] } });
    expect(row.contact_phone).toBe('13812345678');
    expect(compileRowMasker(waterSectionsDefinition(), 'sections', new Set(['contact_phone']))(row).contact_phone).toBe('13812345678');
  });
});
