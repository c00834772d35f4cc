import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../../renderer/src/app/format';
import { customerColumns } from '../../../renderer/src/components/CustomerTable';

const fmt = makeFormatters('GBP', 'en-GB');
const pAliveColumn = (referenceOnly?: boolean) => customerColumns(fmt, { pAliveReferenceOnly: referenceOnly }).find((c) => c.id === 'pAlive');

describe("the customer tables' P(alive) column", () => {
  it('is a plain chance when the BG/NBD fit holds', () => {
    expect(pAliveColumn(false)?.label).toBe('P(alive)');
  });

  it('is marked reference only, and says why on hover, when the fit is degenerate', () => {
    const column = pAliveColumn(true);
    expect(column?.label).toBe('P(alive), ref. only');
    expect(column?.title).toContain('degenerate');
    expect(column?.title).toContain('gates nothing');
  });
});
