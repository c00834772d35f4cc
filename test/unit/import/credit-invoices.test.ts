import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { creditMarking } from '../../../main/backend/import/credit-invoices';

const hexIds = (n: number): string[] => Array.from({ length: n }, (_, i) => createHash('md5').update(`order ${i}`).digest('hex'));

describe('a leading C on an invoice number', () => {
  it('marks a credit note where the other invoice numbers are plain numbers, as in the UCI files', () => {
    const sales = Array.from({ length: 60 }, (_, i) => String(536365 + i));
    expect(creditMarking([...sales, 'C536379', 'A563185', 'C536383'], 'InvoiceNo')).toEqual({ credits: true, whyNot: null });
  });

  it('marks a credit note where the others share one prefix of their own', () => {
    expect(creditMarking(['SI-1001', 'SI-1002', 'CN-17', 'SI-1003'], 'Document')).toEqual({ credits: true, whyNot: null });
  });

  it('is part of the code where invoice numbers start with any letter or digit, as hexadecimal order ids do', () => {
    const ids = hexIds(400);
    const startingWithC = ids.filter((id) => id.startsWith('c'));
    expect(startingWithC.length).toBeGreaterThan(10);
    const marking = creditMarking(ids, 'order_id');
    expect(marking.credits).toBe(false);
    expect(marking.whyNot).toContain("Invoice numbers in 'order_id' start with any letter or digit");
    expect(marking.whyNot).toContain(startingWithC[0]);
  });

  it('is no credit note where most invoice numbers start with C, and says so', () => {
    expect(creditMarking(['CI-1', 'CI-2', 'CI-3', '77'], 'Invoice')).toEqual({
      credits: false,
      whyNot: "Most invoice numbers in 'Invoice' start with C, so a C is not read as a credit note; returns are the negative amounts only.",
    });
  });

  it('needs no reason where no invoice number starts with C, and marks nothing where the column is blank', () => {
    expect(creditMarking(['1001', '1002'], 'Invoice')).toEqual({ credits: true, whyNot: null });
    expect(creditMarking(['', '  '], 'Invoice')).toEqual({ credits: false, whyNot: null });
  });
});
