import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../../renderer/src/app/format';
import { noMixWords } from '../../../renderer/src/features/customer/mix-note';

const fmt = makeFormatters('GBP', 'en-GB');
const none = new Array<number>(30).fill(0);

describe("a customer's mix against its profile", () => {
  it('says why there is no mix where its 12 months hold only a return', () => {
    // Online Retail II's 15162 as of 2010-12-09: one order a year before, then a £71 return.
    expect(noMixWords({ mix: none, revenue12m: -71.4 }, '2010-12-09', fmt)).toBe(
      'No mix to compare: in the 12 months to 9 Dec 2010 its returns outweighed its purchases (-£71), so no category holds a share of its spend.',
    );
  });

  it('says why there is no mix where it bought nothing in its 12 months', () => {
    expect(noMixWords({ mix: none, revenue12m: 0 }, '2010-12-09', fmt)).toBe('No mix to compare: it bought nothing in the 12 months to 9 Dec 2010, so no category holds a share of its spend.');
  });

  it('says nothing where the customer has a mix to draw', () => {
    expect(noMixWords({ mix: [0.25, 0.75, ...none.slice(2)], revenue12m: 400 }, '2010-12-09', fmt)).toBeNull();
  });
});
