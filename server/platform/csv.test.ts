import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from './csv.js';

describe('CSV records keep the line they start on', () => {
  it('counts lines inside quoted fields, CRLF and blank lines', () => {
    const text = 'a,b\r\n"x\r\ny",2\r\n\r\n"he said ""hi""",3\n4,"5,6"';
    expect(parseCsvRecords(text)).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['x\r\ny', '2'], line: 2 },
      { cells: [''], line: 4 },
      { cells: ['he said "hi"', '3'], line: 5 },
      { cells: ['4', '5,6'], line: 6 },
    ]);
  });
});
