/**
 * Splits a CSV file into chunks for the training import: records are found with a small state machine over the
 * characters (RFC 4180: a field that starts with a quote may contain commas, doubled quotes and line breaks), so a
 * record is never cut in the middle. Every chunk repeats the header line and knows the line numbers it covers in
 * the original file.
 */

export interface CsvRecord {
  /** The record's text without its terminating line break (inner line breaks of quoted fields kept). */
  text: string;
  /** 1-based line numbers in the original file of the record's first and last line. */
  startLine: number;
  endLine: number;
  /** An empty line (the server skips it). */
  blank: boolean;
}

export interface CsvChunk {
  /** Header line + the chunk's records, LF separated. */
  body: string;
  /** Line number of the chunk's first data record (the import's `firstRow`). */
  firstRow: number;
  /** Line number of the chunk's last line. */
  lastLine: number;
  /** Data records in the chunk (blank lines not counted). */
  rows: number;
}

export interface CsvSplit {
  header: string;
  records: CsvRecord[];
  /** Data records (blank lines not counted). */
  dataRows: number;
  chunks: CsvChunk[];
}

/** The file's records, header included, with their line numbers. A trailing line break does not start a record. */
export function csvRecords(input: string): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let line = 1;
  let start = 0;
  let startLine = 1;
  let quoted = false;
  /** At the first character of a field (only there does a quote open a quoted field). */
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        line++;
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (ch === ',') {
      fieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      const recordText = text.slice(start, i);
      if (ch === '\r' && text[i + 1] === '\n') i++;
      records.push({ text: recordText, startLine, endLine: line, blank: recordText.trim() === '' });
      line++;
      start = i + 1;
      startLine = line;
      fieldStart = true;
    } else {
      fieldStart = false;
    }
  }
  if (start < text.length) {
    const recordText = text.slice(start);
    records.push({ text: recordText, startLine, endLine: line, blank: recordText.trim() === '' });
  }
  return records;
}

/**
 * Splits the file into chunks of at most `rowsPerChunk` records after the header. Blank lines stay in place (the
 * server skips them but counts them, so its row numbers remain the file's line numbers); trailing blank lines and
 * chunks without data are dropped.
 *
 * A record spanning several lines (a quoted field with line breaks) always ends its chunk: the server numbers rows
 * as `firstRow` + the record's index in the chunk, which equals the line number only up to such a record.
 */
export function splitCsv(input: string, rowsPerChunk = 500): CsvSplit | null {
  const all = csvRecords(input);
  const headerRecord = all.shift();
  if (!headerRecord || headerRecord.blank) return null;
  while (all.length > 0 && all[all.length - 1]?.blank) all.pop();
  const chunks: CsvChunk[] = [];
  let part: CsvRecord[] = [];
  const flush = () => {
    const rows = part.filter((r) => !r.blank).length;
    const first = part[0];
    const last = part[part.length - 1];
    if (rows > 0 && first && last) {
      chunks.push({
        body: `${headerRecord.text}\n${part.map((r) => r.text).join('\n')}\n`,
        firstRow: first.startLine,
        lastLine: last.endLine,
        rows,
      });
    }
    part = [];
  };
  for (const record of all) {
    part.push(record);
    if (part.length >= rowsPerChunk || record.endLine > record.startLine) flush();
  }
  flush();
  return { header: headerRecord.text, records: all, dataRows: all.filter((r) => !r.blank).length, chunks };
}

/** Decodes a file's bytes as UTF-8 (BOM dropped); null when they are not valid UTF-8 (e.g. a GBK export). */
export function decodeUtf8(bytes: ArrayBuffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** A CSV cell, quoted when needed. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
