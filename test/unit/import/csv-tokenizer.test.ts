import { describe, expect, it } from 'vitest';
import { CsvTokenizer, sniffDelimiter, sniffTable } from '../../../main/backend/import/csv-tokenizer';

const tokenize = (text: string, delimiter = ',', chunk = text.length): string[][] => {
  const t = new CsvTokenizer(delimiter);
  const out = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...t.push(text.slice(i, i + chunk)));
  out.push(...t.end());
  return out.map((r) => r.cells);
};

describe('the CSV tokenizer', () => {
  it('splits plain LF and CRLF lines into the same cells', () => {
    expect(tokenize('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(tokenize('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps delimiters, doubled quotes and newlines inside quoted fields', () => {
    expect(tokenize('"x, y","say ""hi""","two\r\nlines"\n')).toEqual([['x, y', 'say "hi"', 'two\r\nlines']]);
  });

  it('gives the same records whatever size the chunks are cut to, even between CR and LF', () => {
    const text = 'id,name\r\n1,"A ""q"" b"\r\n2,"multi\nline"\r\n3,\r\n4,last';
    const whole = tokenize(text);
    for (const chunk of [1, 2, 3, 5, 7]) expect(tokenize(text, ',', chunk)).toEqual(whole);
    expect(whole).toEqual([['id', 'name'], ['1', 'A "q" b'], ['2', 'multi\nline'], ['3', ''], ['4', 'last']]);
  });

  it('reads a blank line that starts a chunk of a file without any CR as one empty cell', () => {
    const text = 'a,b\n1,2\n\nb,c\n';
    // The chunk "\nb,c\n" starts with the blank line; it once came out as the rest of the chunk.
    expect(tokenize(text, ',', 8)).toEqual([['a', 'b'], ['1', '2'], [''], ['b', 'c']]);
    for (const chunk of [1, 2, 3, 4, 5, 6, 7]) expect(tokenize(text, ',', chunk)).toEqual(tokenize(text));
  });

  it('numbers each record by the file line it starts on, counting newlines inside quotes', () => {
    const t = new CsvTokenizer(',');
    const records = [...t.push('h1,h2\n"a\nb",1\nc,2\n'), ...t.end()];
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('reads old Mac CR-only line ends, and plain lines between quoted ones, the same at any chunk size', () => {
    const cr = 'a,b\r1,2\r3,4\r';
    const mixed = 'a,b\n1,"x\ny"\n2,plain\n"q",3\n\n4,5\n';
    for (const chunk of [1, 3, 100]) {
      expect(tokenize(cr, ',', chunk)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
      expect(tokenize(mixed, ',', chunk)).toEqual([['a', 'b'], ['1', 'x\ny'], ['2', 'plain'], ['q', '3'], [''], ['4', '5']]);
    }
  });

  it('cuts plain lines at every delimiter, as split does, whatever the chunks and however far apart the delimiters are', () => {
    const lines = ['a,b,c', ',,', 'only', '', 'x,', ',y', 'one cell with no delimiter at all', 'p;q', '1,2,3,4,5,6,7,8,9,10'];
    const text = `${[...lines, ...Array.from({ length: 50 }, () => 'long line without a single delimiter'), 'end,1'].join('\n')}\n`;
    const expected = text.slice(0, -1).split('\n').map((l) => l.split(','));
    for (const chunk of [1, 4, 9, 64, text.length]) expect(tokenize(text, ',', chunk)).toEqual(expected);
    expect(tokenize('a;b;;c\r\n;\r\n', ';')).toEqual([['a', 'b', '', 'c'], ['', '']]);
  });

  it('keeps an empty last field and a last line without a newline', () => {
    expect(tokenize('a,b,\n1,2,')).toEqual([['a', 'b', ''], ['1', '2', '']]);
  });
});

describe('a runaway quote', () => {
  const records = (text: string, width: number, chunk = text.length) => {
    const t = new CsvTokenizer(',', width);
    const out = [];
    for (let i = 0; i < text.length; i += chunk) out.push(...t.push(text.slice(i, i + chunk)));
    out.push(...t.end());
    return out;
  };

  it('that never closes does not swallow the lines after it: each is read on its own and the opening line is marked', () => {
    const text = 'c,d,r\nA,1,10\nB,2,"20\nC,3,30\nD,4,40\n';
    for (const chunk of [1, 4, 100]) {
      const out = records(text, 3, chunk);
      expect(out.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
      expect(out[2]).toEqual({ line: 3, cells: ['B', '2', '"20'], openQuote: { line: 3, column: 2 } });
      expect(out[3]).toEqual({ line: 4, cells: ['C', '3', '30'] });
    }
  });

  it('that a stray quote further down closes is caught by the whole records inside it', () => {
    const out = records('c,d,r\nA,1,"10\nB,2,20\nC,"3",30\n', 3);
    expect(out.map((r) => r.cells)).toEqual([['c', 'd', 'r'], ['A', '1', '"10'], ['B', '2', '20'], ['C', '3', '30']]);
    expect(out[1].openQuote).toEqual({ line: 2, column: 2 });
  });

  it('leaves a real multi-line value alone, and gives up on one longer than a hundred lines', () => {
    expect(records('name,address,r\nA,"1 Main St\nSpringfield, IL",10\n', 3)[1]).toEqual({ line: 2, cells: ['A', '1 Main St\nSpringfield, IL', '10'] });
    const long = `a,b\n1,"${'x\n'.repeat(150)}"\n`;
    const out = records(long, 2);
    expect(out[1].openQuote).toEqual({ line: 2, column: 1 });
    expect(out.length).toBe(152);
  });
});

describe('delimiter sniffing', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n'],
    [';', 'a;b;c\n1,5;2,5;3\n'],
    ['\t', 'a\tb\tc\n1\t2\t3\n'],
    ['|', 'a|b|c\n1|2|3\n'],
  ])('recognises %j as the delimiter', (delimiter, text) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });

  it('is not fooled by commas inside quoted fields', () => {
    expect(sniffDelimiter('name;amount\n"Smith, Jones";1\n"A, B, C";2\n')).toBe(';');
  });

  it('reads columns aligned with spaces, a run of spaces being one separator, when no character separates them', () => {
    const text = ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n "A B" 19970112  5   77.00\r\n';
    expect(sniffTable(text)).toEqual({ delimiter: ' ', width: 4 });
    const records = new CsvTokenizer(' ', 4).push(text);
    expect(records.map((r) => r.cells)).toEqual([
      ['customer_id', 'date', 'number_of_cds', 'dollar_value'],
      ['00001', '19970101', '1', '11.77'],
      ['00002', '19970112', '1', '12.00'],
      ['A B', '19970112', '5', '77.00'],
    ]);
  });

  it('keeps a character separator when its cells hold spaces, however regular', () => {
    expect(sniffDelimiter('Customer,Date,Amount\nShop 1,2024-01-05 10:00,5\nShop 2,2024-01-06 11:00,7\n')).toBe(',');
    expect(sniffDelimiter('Customer\tNote\nShop 1\tcall back\nShop 2\tnew owner\n')).toBe('\t');
    // One word a line splits into nothing: a one-column file is not read as spaced columns.
    expect(sniffDelimiter('Customer\nShop\nCafe\n')).toBe(',');
  });
});
