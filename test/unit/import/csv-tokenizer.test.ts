import { describe, expect, it } from 'vitest';
import { CsvTokenizer, sniffDelimiter } from '../../../main/backend/import/csv-tokenizer';

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

  it('keeps an empty last field and a last line without a newline', () => {
    expect(tokenize('a,b,\n1,2,')).toEqual([['a', 'b', ''], ['1', '2', '']]);
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
});
