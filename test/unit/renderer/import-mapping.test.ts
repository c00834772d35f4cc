import { describe, expect, it } from 'vitest';
import { countsPurchases, type ImportPreview } from '../../../shared/contract';
import { duplicateColumns, mappingFromPreview, missingFields, confidenceClass } from '../../../renderer/src/features/import/mapping';

const preview = (mapping: ImportPreview['mapping']): ImportPreview => ({
  file: { name: 'sales.csv', path: '/tmp/sales.csv', size: 10, format: 'csv' },
  encoding: 'utf-8',
  delimiter: ',',
  sheets: [],
  sheet: null,
  currency: { code: 'USD', source: 'locale', reason: "the currency of this computer's region" },
  headerRow: 1,
  headers: ['Cust #', 'Order Date', 'Qty', 'Unit Price', 'Amount'],
  rows: [],
  shape: 'transactions',
  mapping,
  categoryColumns: [],
  dateFormat: { detected: 'iso', candidates: ['iso'], ambiguous: false },
  savedMapping: false,
});

describe('import mapping in the wizard', () => {
  it('starts from the detected guesses and leaves every other field unmapped', () => {
    const m = mappingFromPreview(
      preview([
        { field: 'customer', column: 'Cust #', confidence: 0.9, reason: 'synonym' },
        { field: 'date', column: 'Order Date', confidence: 0.95, reason: 'synonym' },
      ]),
    );
    expect(m.customer).toBe('Cust #');
    expect(m.date).toBe('Order Date');
    expect(m.revenue).toBeNull();
    expect(m.territory).toBeNull();
  });

  it('reads transactions without money as a purchase log, asks for a quantity beside a unit price, and for revenue in a cube', () => {
    const m = mappingFromPreview(preview([{ field: 'customer', column: 'Cust #', confidence: 1, reason: '' }, { field: 'date', column: 'Order Date', confidence: 1, reason: '' }]));
    expect(missingFields(m, 'transactions')).toEqual([]);
    expect(countsPurchases('transactions', m)).toBe(true);
    expect(countsPurchases('transactions', { ...m, quantity: 'Qty' })).toBe(true);
    expect(missingFields({ ...m, unitPrice: 'Unit Price' }, 'transactions')).toEqual(['Quantity (for the unit price)']);
    expect(missingFields({ ...m, quantity: 'Qty', unitPrice: 'Unit Price' }, 'transactions')).toEqual([]);
    expect(countsPurchases('transactions', { ...m, quantity: 'Qty', unitPrice: 'Unit Price' })).toBe(false);
    expect(countsPurchases('transactions', { ...m, revenue: 'Amount' })).toBe(false);
    expect(missingFields(m, 'cube')).toEqual(['Revenue']);
    expect(missingFields({ ...m, customer: null, date: null }, 'transactions')).toEqual(['Customer ID', 'Date']);
  });

  it('needs only the product and category for a product list', () => {
    const m = mappingFromPreview(preview([]));
    expect(missingFields(m, 'product-master')).toEqual(['Product ID', 'Category']);
    expect(missingFields({ ...m, product: 'Qty', category: 'Amount' }, 'product-master')).toEqual([]);
  });

  it('needs nothing mapped for a spend table: without a customer column its rows are numbered, as the backend does', () => {
    const m = mappingFromPreview(preview([]));
    expect(missingFields(m, 'spend-table')).toEqual([]);
    expect(missingFields({ ...m, customer: 'ID' }, 'spend-table')).toEqual([]);
  });

  it('flags a column chosen for two fields', () => {
    const m = mappingFromPreview(preview([]));
    expect(duplicateColumns({ ...m, revenue: 'Amount', unitPrice: 'Amount', customer: 'Cust #' })).toEqual(['Amount']);
    expect(duplicateColumns(m)).toEqual([]);
  });

  it('grades confidence for the colour of the hint', () => {
    expect([0.95, 0.8, 0.6, 0.3].map(confidenceClass)).toEqual(['high', 'high', 'medium', 'low']);
  });
});
