import { describe, expect, it } from 'vitest';
import { callOrderWeightNote, type LevelOrder } from '../../../shared/analytics/recovery/call-order';

const level = (mode: LevelOrder['mode'], weight: number): LevelOrder => ({ weight, size: 10, chance: 0.6, chanceBar: 0.5, money: 1000, moneyBar: 900, met: true, mode });

describe("the order note of a recovery preview", () => {
  it('says money first was chosen above, not that the run asks for it', () => {
    const money = level('money', 0);
    expect(callOrderWeightNote({ customer: money, relationship: money }, 'preview')).toBe(' Money first, as chosen above.');
    expect(callOrderWeightNote({ customer: level('sure', 500), relationship: null }, 'preview')).toContain('Surest first, as chosen above:');
    expect(callOrderWeightNote({ customer: level('balanced', 500), relationship: null }, 'preview')).toContain("the preview's weight on sureness");
  });

  it("leaves what a stored run says as it was", () => {
    const money = level('money', 0);
    expect(callOrderWeightNote({ customer: money, relationship: money })).toBe(" Money first, as the run's settings ask.");
    expect(callOrderWeightNote({ customer: level('balanced', 500), relationship: null })).toContain("the run's weight on sureness");
  });
});
