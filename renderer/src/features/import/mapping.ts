import { IMPORT_FIELDS, type ImportField, type ImportPreview, type MappingGuess } from '../../../../shared/contract';

export type Mapping = Record<ImportField, string | null>;

export const FIELD_LABELS: Record<ImportField, string> = {
  customer: 'Customer ID',
  customerName: 'Customer name',
  date: 'Date',
  category: 'Category',
  product: 'Product ID',
  productName: 'Product name',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  revenue: 'Revenue',
  rep: 'Sales rep',
  territory: 'Territory',
  segment: 'Segment',
  invoice: 'Invoice',
  orders: 'Orders (cube rows)',
  status: 'Status (no-sale rows skipped)',
};

export const mappingFromPreview = (preview: ImportPreview): Mapping => {
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as Mapping;
  for (const g of preview.mapping) mapping[g.field] = g.column;
  return mapping;
};

export const guessFor = (preview: ImportPreview, field: ImportField): MappingGuess | undefined => preview.mapping.find((g) => g.field === field);

/** What still blocks an import of transactions, in words; empty when the mapping is complete. */
export function missingFields(mapping: Mapping, shape: ImportPreview['shape']): string[] {
  // Without a customer column a spend table's rows are its customers, numbered.
  if (shape === 'spend-table') return [];
  if (shape === 'product-master') return [mapping.product ? null : 'Product ID', mapping.category ? null : 'Category'].filter((x): x is string => x !== null);
  const missing: string[] = [];
  if (!mapping.customer) missing.push('Customer ID');
  if (!mapping.date) missing.push('Date');
  if (shape === 'cube' && !mapping.revenue) missing.push('Revenue');
  if (!mapping.revenue && mapping.unitPrice && !mapping.quantity) missing.push('Quantity (for the unit price)');
  return missing;
}

/** Columns chosen for two fields at once: almost always a slip. */
export function duplicateColumns(mapping: Mapping): string[] {
  const seen = new Map<string, number>();
  for (const column of Object.values(mapping)) if (column) seen.set(column, (seen.get(column) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([c]) => c);
}

export const confidenceClass = (c: number): 'high' | 'medium' | 'low' => (c >= 0.8 ? 'high' : c >= 0.5 ? 'medium' : 'low');

/**
 * The currency the import will store its amounts in, to show the dry run's money in: the code typed
 * in the Currency field, else the preview's (the file's guess or the workspace's own). The workspace's
 * formatter had shown a GBP file's revenue as $8,348,209 right under the field reading GBP.
 */
export const currencyOfImport = (typed: string, preview: ImportPreview): string =>
  /^[A-Za-z]{3}$/.test(typed) ? typed.toUpperCase() : preview.currency.code;
