import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sniffAttachmentType } from './sniff-attachment';

describe('sniffAttachmentType', () => {
  it('recognises documents by their bytes', async () => {
    expect(await sniffAttachmentType(Buffer.from('%PDF-1.7\n1 0 obj\n'))).toBe('application/pdf');
    expect(await sniffAttachmentType(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toBe('image/png');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('a').addRow(['x']);
    expect(await sniffAttachmentType(new Uint8Array(await book.xlsx.writeBuffer()))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await sniffAttachmentType(Buffer.from('断面 TH01 已复核\r\n'))).toBe('text/plain; charset=utf-8');
  });
  it('refuses executables, HTML-ish binaries and undecodable text', async () => {
    expect(await sniffAttachmentType(Buffer.from('4d5a90000300000004000000ffff0000', 'hex'))).toBeNull();
    expect(await sniffAttachmentType(Buffer.from('7f454c46020101000000000000000000', 'hex'))).toBeNull();
    expect(await sniffAttachmentType(new Uint8Array([0x81, 0xff, 0x00]))).toBeNull();
  });
});
