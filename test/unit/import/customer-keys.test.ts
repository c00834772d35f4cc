import { describe, expect, it } from 'vitest';
import { keysAreNames } from '../../../main/backend/import/sink-transactions';

describe('a customer column', () => {
  it('holds names where most values are two words or more', () => {
    expect(keysAreNames(['Acme Corp', 'Beta Supplies', 'Ötzi Bau GmbH', 'Zed'])).toBe(true);
  });

  it('holds codes, to be kept exactly as written, where most values are one token or an email', () => {
    expect(keysAreNames(['CUST001', 'C-17', '17850', 'ab12'])).toBe(false);
    expect(keysAreNames(['3e6d49ce854b76d86815ff3477cd963e', 'c4480ddeaf20a7cd1e4bfcfc100a9a12'])).toBe(false);
    expect(keysAreNames(['j.smith@example.com', 'Ann Lee <ann@example.com>'])).toBe(false);
    expect(keysAreNames(['', '  '])).toBe(false);
  });
});
