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
    expect(column?.label).toBe('P(alive), ref.');
    expect(column?.title).toContain('degenerate');
    expect(column?.title).toContain('gates nothing');
  });

  it("heads the money columns with what they are over: growth a year, money at risk the run's horizon", () => {
    const label = (id: string, horizonDays?: number) => customerColumns(fmt, { horizonDays }).find((c) => c.id === id)?.label;
    expect(label('atRisk', 365)).toBe('At risk / yr');
    expect(label('atRisk', 100)).toBe('At risk, 100d');
    expect(label('growth', 100)).toBe('Growth / yr');
  });
});

