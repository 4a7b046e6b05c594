/** A small RFC 4180 CSV parser: quoted fields (with commas and line breaks), doubled quotes, CRLF or LF. */
export interface CsvRecord {
  cells: string[];
  /** 1-based line of the file on which the record starts (a quoted field may span lines). */
  line: number;
}

export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      records.push({ cells: row, line: start });
      row = [];
      field = '';
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    records.push({ cells: row, line: start });
  }
  return records;
}

export const parseCsv = (text: string): string[][] => parseCsvRecords(text).map((r) => r.cells);
