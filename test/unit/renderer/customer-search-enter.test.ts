import { describe, expect, it } from 'vitest';
import { customerToOpen } from '../../../renderer/src/features/customer/CustomerPicker';

const rows = (...codes: string[]) => ({ total: codes.length, rows: codes.map((code) => ({ code })) });

describe('Enter in the customer search', () => {
  it('opens the customer whose code was typed, though other codes contain it', () => {
    expect(customerToOpen(' 17404 ', rows('117404', '17404', '174040'))).toBe('17404');
    expect(customerToOpen('c0042', rows('C0042', 'C00421'))).toBe('C0042');
  });

  it('opens the only match, and nothing where several names match or nothing was typed', () => {
    expect(customerToOpen('bistro', rows('C0007'))).toBe('C0007');
    expect(customerToOpen('bistro', rows('C0007', 'C0009'))).toBeNull();
    expect(customerToOpen('   ', rows('C0007'))).toBeNull();
  });
});
