// The CSV writer and reader: RFC 4180 quoting, line breaks and unicode round-trip; formula-like cells are protected
// with an apostrophe on the way out and unprotected on the way in; broken quoting names its line.
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, protectCell, unprotectCell, UTF8_BOM, writeCsv } from '../../../shared/csv.js';

describe('CSV writer', () => {
  it('quotes only cells with a comma, a quote or a line break, doubling quotes; rows end with CRLF', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"', 'two\nlines', 'cr\r\nlf', '']])).toBe('a,"b,c","say ""hi""","two\nlines","cr\r\nlf",\r\n');
    expect(writeCsv([['h1', 'web'], ['h2', 'db']])).toBe('h1,web\r\nh2,db\r\n');
  });

  it('writes unicode as is', () => {
    expect(writeCsv([['数据库', 'Zoë', '🚀']])).toBe('数据库,Zoë,🚀\r\n');
  });

  it('prefixes cells a spreadsheet would run as a formula (= + - @ tab CR) with an apostrophe', () => {
    expect(writeCsv([['=1+2', '+SUM(A1)', '-3', '@cmd', '\tx', 'a=b', "'plain"]])).toBe("'=1+2,'+SUM(A1),'-3,'@cmd,'\tx,a=b,'plain\r\n");
    expect(writeCsv([['=HYPERLINK("http://x","y")']])).toBe(`"'=HYPERLINK(""http://x"",""y"")"\r\n`);
    // An apostrophe already in front of a formula is protected again, so reading gives it back.
    expect(protectCell("'=1")).toBe("''=1");
    expect(unprotectCell("''=1")).toBe("'=1");
    expect(unprotectCell("'plain")).toBe("'plain");
  });
});

describe('CSV reader', () => {
  const cells = [
    ['host', 'name', 'notes'],
    ['h1', 'web, front', 'rack 4\nslot "2"'],
    ['h2', '数据库', '=cmd|calc'],
    ['h3', '', "-1 and '@x"],
    ['h4', "''=x", '\r\n'],
  ];

  it('reads back what the writer wrote, cell by cell', () => {
    expect(parseCsv(writeCsv(cells))).toEqual(cells);
    expect(parseCsv(UTF8_BOM + writeCsv(cells))).toEqual(cells);
  });

  it('takes LF line ends, a missing last line end and blank lines', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\r\n\r\nc,\n\n')).toEqual([['a', 'b'], ['c', '']]);
    expect(parseCsv('"",x\n')).toEqual([['', 'x']]);
  });

  it('names the line of a quote left open or text after a closing quote', () => {
    const open = (() => { try { parseCsv('a,b\nc,"d\ne\n'); } catch (e) { return e; } })();
    expect(open).toBeInstanceOf(CsvError);
    expect(open).toMatchObject({ line: 2, reason: 'unclosed-quote' });
    expect(() => parseCsv('a,"b"c\n')).toThrow(expect.objectContaining({ line: 1, reason: 'text-after-quote' }));
  });
});
