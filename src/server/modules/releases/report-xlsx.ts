import ExcelJS from 'exceljs';
import type { RuleSummary, Upload, UploadReport, ValidationResult } from '../../../contracts/releases';

/**
 * The validation report as a workbook: a summary sheet (the upload, counts per severity and per
 * rule) and one row per result, or the reading problems of a rejected upload. Every cell is
 * written as a string or number value, never as a formula, so a value copied from a submitter's
 * file (e.g. "=cmd|…") cannot execute when the report is opened.
 */
export async function buildReportWorkbook(report: { upload: Upload; problems: UploadReport['problems']; summary: RuleSummary[]; results: ValidationResult[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yrd-eco';
  const { upload } = report;
  const summary = workbook.addWorksheet('汇总 Summary');
  summary.columns = [{ width: 28 }, { width: 48 }, { width: 14 }];
  const facts: [string, string | number][] = [
    ['上传编号 Upload', upload.id],
    ['文件 File', upload.fileName ?? `(${upload.channel})`],
    ['方式 Mode', upload.mode === 'append' ? '追加 append' : '替换 replace'],
    ['数据结构版本 Schema version', `v${upload.schemaVersion}`],
    ['状态 Status', upload.status],
    ['数据行 Rows', upload.rowCount],
    ['上传人 Uploaded by', upload.uploadedBy.name],
    ['上传时间 Uploaded at (UTC)', upload.createdAt],
    ['阻断 BLOCKER', upload.counts.BLOCKER],
    ['错误 ERROR', upload.counts.ERROR],
    ['警告 WARNING', upload.counts.WARNING],
    ['提示 INFO', upload.counts.INFO],
  ];
  for (const [label, value] of facts) summary.addRow([label, value]);
  summary.addRow([]);
  summary.addRow(['规则 Rule', '级别 Severity', '数量 Count']).font = { bold: true };
  for (const row of report.summary) summary.addRow([row.ruleCode, row.severity, row.count]);

  if (report.problems.length > 0) {
    const problems = workbook.addWorksheet('读取问题 Problems');
    problems.columns = [{ width: 22 }, { width: 18 }, { width: 8 }, { width: 10 }, { width: 60 }, { width: 60 }];
    problems.addRow(['代码 Code', '数据表 Table', '行 Row', '列 Column', '说明', 'Message']).font = { bold: true };
    for (const problem of report.problems) problems.addRow([problem.code, problem.table ?? '', problem.sourceRow ?? '', problem.column ?? '', problem.messageZh, problem.message]);
  }

  const results = workbook.addWorksheet('校验结果 Results', { views: [{ state: 'frozen', ySplit: 1 }] });
  results.columns = [{ width: 8 }, { width: 18 }, { width: 8 }, { width: 18 }, { width: 14 }, { width: 11 }, { width: 50 }, { width: 50 }, { width: 24 }];
  results.addRow(['序号 No.', '数据表 Table', '行 Row', '字段 Field', '规则 Rule', '级别 Severity', '说明', 'Message', '值 Value']).font = { bold: true };
  for (const result of report.results) {
    results.addRow([result.seq, result.table ?? '', result.sourceRow ?? '', result.field ?? '', result.ruleCode, result.severity, result.messageZh, result.message, result.value ?? '']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
