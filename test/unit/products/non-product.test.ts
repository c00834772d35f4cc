import { describe, expect, it } from 'vitest';
import { classifyLine, digitShare } from '../../../shared/analytics/products/non-product';
import { proposeGroupsFromDescriptions, OTHER_GROUP } from '../../../shared/analytics/products/description-groups';
import { levelTooFine, spellingKey, spellingTidiness } from '../../../shared/analytics/products/level';

const line = (code: string, name: string, extra: Partial<{ rows: number; negativeRows: number; revenue: number; priceCv: number }> = {}) => ({
  code,
  names: [name],
  rows: 10,
  negativeRows: 0,
  revenue: 100,
  priceCv: 0,
  ...extra,
});

describe('non-product lines', () => {
  it('recognises charges by their description, whatever the code', () => {
    expect(classifyLine(line('ZX1', 'Postage'), 0.9)?.kind).toBe('shipping');
    expect(classifyLine(line('99', 'Freight charges UK'), 0.9)?.kind).toBe('shipping');
    expect(classifyLine(line('Q', 'Bank Charges'), 0.9)?.kind).toBe('fee');
    expect(classifyLine(line('K', 'Marketplace fee'), 0.9)?.kind).toBe('fee');
    expect(classifyLine(line('R', 'Sales commission'), 0.9)?.kind).toBe('commission');
    expect(classifyLine(line('W', 'Manual'), 0.9)?.kind).toBe('adjustment');
    expect(classifyLine(line('X', 'Write-off of bad debt'), 0.9)?.kind).toBe('adjustment');
    expect(classifyLine(line('Y', 'Discount'), 0.9)?.kind).toBe('discount');
    expect(classifyLine(line('T', 'Free samples'), 0.9)?.kind).toBe('sample');
  });

  it('recognises charges by their code when the description is empty', () => {
    expect(classifyLine(line('FREIGHT', ''), 0.9)?.kind).toBe('shipping');
    expect(classifyLine(line('ADJUST2', ''), 0.9)?.kind).toBe('adjustment');
    expect(classifyLine(line('gift_0001_20', ''), 0.9)?.kind).toBe('voucher');
  });

  it('keeps products whose names merely contain a charge-like word', () => {
    expect(classifyLine(line('22423', 'Manual can opener stainless'), 0.9)).toBeNull();
    expect(classifyLine(line('85123A', 'Coffee mug delivery van design'), 0.9)).toBeNull();
    expect(classifyLine(line('47566', 'Party bunting'), 0.9)).toBeNull();
    expect(classifyLine(line('23099', 'FRENCH CARRIAGE LANTERN'), 0.9)).toBeNull();
    expect(classifyLine(line('85168B', 'BLACK BAROQUE CARRIAGE CLOCK'), 0.9)).toBeNull();
  });

  it('still reads carriage as a charge where it ends the description or names the charge', () => {
    expect(classifyLine(line('C2', 'CARRIAGE'), 0.9)?.kind).toBe('shipping');
    expect(classifyLine(line('23444', 'Next Day Carriage'), 0.9)?.kind).toBe('shipping');
    expect(classifyLine(line('Z9', 'Carriage charge EU'), 0.9)?.kind).toBe('shipping');
  });

  it('flags a digit-less code that nets to a credit only where most codes carry digits', () => {
    const credit = line('ZZ', '', { revenue: -500, negativeRows: 8 });
    expect(classifyLine(credit, 0.95)?.kind).toBe('adjustment');
    expect(classifyLine(credit, 0.2)).toBeNull();
    expect(digitShare(['A1', 'B2', 'C'])).toBeCloseTo(2 / 3);
  });
});

describe('product groups from descriptions', () => {
  it('groups products by their most widely shared word and keeps the catch-all small', () => {
    const kinds = ['mug', 'bag', 'candle', 'clock'];
    const motifs = ['spotty', 'stripe', 'floral', 'star', 'owl'];
    const products = kinds.flatMap((k, i) => motifs.map((m, j) => ({ code: `${i}${j}`, name: `${m.toUpperCase()} ${k.toUpperCase()} RED`, revenue: 100 + j })));
    products.push({ code: 'odd', name: 'UNIQUE THING', revenue: 5 });
    const proposal = proposeGroupsFromDescriptions(products, 5);
    const names = proposal.groups.map((g) => g.name);
    expect(names.filter((n) => n !== OTHER_GROUP)).toHaveLength(4);
    expect(proposal.groupOf.get('odd')).toBe(OTHER_GROUP);
    for (const g of proposal.groups) if (g.name !== OTHER_GROUP) expect(g.examples.length).toBeGreaterThan(0);
  });

  it('calls a level too fine when it has hundreds of values or values few customers buy', () => {
    expect(levelTooFine(3665, 39, 4338)).toBe(true);
    expect(levelTooFine(40, 20, 4000)).toBe(true);
    expect(levelTooFine(12, 5, 4000)).toBe(false);
    expect(levelTooFine(40, 800, 4000)).toBe(false);
  });
});

describe('spellings of one category', () => {
  it('share one key whatever their case, spacing or punctuation', () => {
    expect(new Set(['Safety Gear', 'SAFETY GEAR', ' safety-gear ', 'Safety  Gear.'].map(spellingKey)).size).toBe(1);
  });

  it('rank the spelling a reader would write above capitals, stray spaces and trailing dots', () => {
    const ranked = ['SAFETY GEAR', ' safety-gear ', 'Safety  Gear.', 'Safety Gear'].sort((a, b) => spellingTidiness(b) - spellingTidiness(a));
    expect(ranked[0]).toBe('Safety Gear');
    expect(spellingTidiness('SAFETY GEAR')).toBeGreaterThan(spellingTidiness(' safety-gear '));
    expect(spellingTidiness('Paint (exterior)')).toBe(spellingTidiness('Paint'));
  });
});
