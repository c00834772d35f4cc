import { describe, expect, it } from 'vitest';
import { flatString } from '../../../shared/format/flat-string';

describe('text held as one piece', () => {
  it('is the same text, whether built from pieces, written whole or empty', () => {
    const pieces = ['Orders ', 'Dry Goods', ' about every ', String(9), ' weeks; ', `$${(6400).toLocaleString('en-US')}`, ' in the 12 months'];
    let built = '';
    for (const p of pieces) built += p;
    expect(flatString(built)).toBe(pieces.join(''));
    expect(flatString(`recovery:${'C00042'}:${'All categories'}`)).toBe('recovery:C00042:All categories');
    expect(flatString('')).toBe('');
  });
});
