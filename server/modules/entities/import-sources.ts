/**
 * The records of an import file, read as a stream: CSV with csv-parse, XLSX with exceljs's streaming
 * WorkbookReader. Neither holds the file in memory; each record carries the line (CSV: the file line on which the
 * record starts; XLSX: the sheet's row number) that per-row results name.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.js';

export interface SourceRecord {
  line: number;
  cells: string[];
}

/** Counts the bytes that pass and fails the stream once they exceed `limit`. */
export class ByteCounter extends Transform {
  bytes = 0;
  constructor(readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    if (this.bytes > this.limit)
      done(new AppError(413, 'payload_too_large', `导入文件超过 ${this.limit} 字节的上限，请分多个文件导入`));
    else done(null, chunk);
  }
}

/** CSV (UTF-8, optional BOM, comma-separated, RFC 4180 quoting, LF or CRLF). */
export async function* csvRecords(input: Readable): AsyncGenerator<SourceRecord> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  // info.lines is the line on which a record ends; the next record starts on the line after it
  let nextStart = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = nextStart;
      nextStart = info.lines + 1;
      yield { line, cells: record };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      throw new AppError(
        422,
        'invalid_csv',
        `CSV 格式有误（第 ${e.lines ?? nextStart} 行附近）：${e.code === 'CSV_QUOTE_NOT_CLOSED' ? '引号未闭合' : '无法解析'}`,
      );
    }
    throw err;
  }
}

/** A cell's value as the text a person typed: numbers as written, dates as YYYY-MM-DD, rich text joined. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
  }
  return '';
}

/** The first worksheet of an XLSX workbook, row by row. */
export async function* xlsxRecords(input: Readable): AsyncGenerator<SourceRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { line: row.number, cells };
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(422, 'invalid_xlsx', '无法读取该 XLSX 文件：请用 Excel 或 WPS 另存为 .xlsx 后重试');
  } finally {
    input.resume(); // whatever is left of the body (other sheets) is read and dropped
  }
}
