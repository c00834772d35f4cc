import { describe, expect, it } from 'vitest';
import { sniffEncoding } from '../../../main/backend/import/encoding';
import { detectHeader, headerlessWidth } from '../../../main/backend/import/header';
import { guessMapping } from '../../../main/backend/import/mapping';

const columnOf = (guesses: ReturnType<typeof guessMapping>, field: string): string | null => guesses.find((g) => g.field === field)?.column ?? null;

describe('column mapping guesses', () => {
  it('maps the usual header names of distributor exports', () => {
    const headers = ['Account No', 'Order Date', 'Net Sales', 'Product Group', 'Sales Rep', 'Region'];
    const g = guessMapping(headers, headers.map(() => []));
    expect(columnOf(g, 'customer')).toBe('Account No');
    expect(columnOf(g, 'date')).toBe('Order Date');
    expect(columnOf(g, 'revenue')).toBe('Net Sales');
    expect(columnOf(g, 'category')).toBe('Product Group');
    expect(columnOf(g, 'rep')).toBe('Sales Rep');
    expect(columnOf(g, 'territory')).toBe('Region');
  });

  it("reads a date header joined by 'de' as the date, not the invoice its last word names", () => {
    for (const [header, other] of [['Fecha de factura', 'Cliente'], ['Date de facture', 'Client'], ['Data da fatura', 'Cliente']]) {
      const headers = [other, header, 'Importe'];
      const g = guessMapping(headers, [['17850', '18041'], ['01/12/2010', '02/12/2010'], ['6120,00', '3,75']]);
      expect([header, columnOf(g, 'date'), columnOf(g, 'invoice')]).toEqual([header, header, null]);
    }
  });

  it('takes the amount before tax where the file also has it with tax, whichever comes first', () => {
    const amounts = [['7 344,00'], ['1 224,00'], ['6 120,00']];
    expect(columnOf(guessMapping(['Montant TTC', 'TVA', 'Montant HT'], amounts), 'revenue')).toBe('Montant HT');
    expect(columnOf(guessMapping(['Montant HT', 'TVA', 'Montant TTC'], amounts), 'revenue')).toBe('Montant HT');
    expect(columnOf(guessMapping(['Total', 'IVA', 'Importe'], amounts), 'revenue')).toBe('Importe');
    expect(columnOf(guessMapping(['Importe', 'IVA', 'Total'], amounts), 'revenue')).toBe('Importe');
  });

  it('maps Cust #, Qty, Unit Price, StockCode and InvoiceNo, and gives each guess a confidence and a reason', () => {
    const headers = ['Cust #', 'InvoiceDate', 'Qty', 'Unit Price', 'StockCode', 'InvoiceNo', 'Sales $'];
    const g = guessMapping(headers, headers.map(() => []));
    expect(columnOf(g, 'customer')).toBe('Cust #');
    expect(columnOf(g, 'quantity')).toBe('Qty');
    expect(columnOf(g, 'unitPrice')).toBe('Unit Price');
    expect(columnOf(g, 'product')).toBe('StockCode');
    expect(columnOf(g, 'invoice')).toBe('InvoiceNo');
    expect(columnOf(g, 'revenue')).toBe('Sales $');
    const customer = g.find((x) => x.field === 'customer');
    expect(customer?.confidence).toBeGreaterThan(0.8);
    expect(customer?.reason).toContain('Cust #');
  });

  it("maps a European client's own headers: German, French, Spanish, Italian, Dutch and Portuguese, accents and all, and SAP's", () => {
    const cases: [string[], Record<string, string>][] = [
      [
        ['Kundennummer', 'Kundenname', 'Rechnungsdatum', 'Warengruppe', 'Artikelnummer', 'Artikelbezeichnung', 'Menge', 'Einzelpreis', 'Umsatz netto', 'Außendienst', 'Vertriebsgebiet', 'Rechnungsnummer'],
        { customer: 'Kundennummer', customerName: 'Kundenname', date: 'Rechnungsdatum', category: 'Warengruppe', product: 'Artikelnummer', productName: 'Artikelbezeichnung', quantity: 'Menge', unitPrice: 'Einzelpreis', revenue: 'Umsatz netto', rep: 'Außendienst', territory: 'Vertriebsgebiet', invoice: 'Rechnungsnummer' },
      ],
      [
        ['N° client', 'Raison sociale', 'Date facture', 'Famille', 'Code article', 'Désignation', 'Quantité', 'Prix unitaire', 'Montant HT', 'Commercial', 'Secteur', 'N° facture'],
        { customer: 'N° client', customerName: 'Raison sociale', date: 'Date facture', category: 'Famille', product: 'Code article', productName: 'Désignation', quantity: 'Quantité', unitPrice: 'Prix unitaire', revenue: 'Montant HT', rep: 'Commercial', territory: 'Secteur', invoice: 'N° facture' },
      ],
      [
        ['Código cliente', 'Fecha', 'Categoría', 'Artículo', 'Descripción', 'Cantidad', 'Precio', 'Importe', 'Vendedor', 'Zona', 'Nº factura'],
        { customer: 'Código cliente', date: 'Fecha', category: 'Categoría', product: 'Artículo', productName: 'Descripción', quantity: 'Cantidad', unitPrice: 'Precio', revenue: 'Importe', rep: 'Vendedor', territory: 'Zona', invoice: 'Nº factura' },
      ],
      [
        ['Codice cliente', 'Data fattura', 'Famiglia', 'Quantità', 'Fatturato', 'Agente'],
        { customer: 'Codice cliente', date: 'Data fattura', category: 'Famiglia', quantity: 'Quantità', revenue: 'Fatturato', rep: 'Agente' },
      ],
      [
        ['Klantnummer', 'Factuurdatum', 'Productgroep', 'Aantal', 'Omzet', 'Verkoper', 'Regio'],
        { customer: 'Klantnummer', date: 'Factuurdatum', category: 'Productgroep', quantity: 'Aantal', revenue: 'Omzet', rep: 'Verkoper', territory: 'Regio' },
      ],
      [
        ['Cliente', 'Data', 'Categoria', 'Quantidade', 'Faturamento', 'Representante'],
        { customer: 'Cliente', date: 'Data', category: 'Categoria', quantity: 'Quantidade', revenue: 'Faturamento', rep: 'Representante' },
      ],
      [
        // SAP's billing documents: the material group is the category, the material the product.
        ['Sold-To Party', 'Billing Date', 'Material Group', 'Material', 'Net Value'],
        { customer: 'Sold-To Party', date: 'Billing Date', category: 'Material Group', product: 'Material', revenue: 'Net Value' },
      ],
    ];
    for (const [headers, expected] of cases) {
      const sample = headers.map((h) => (h === 'Data' ? ['2024-03-01', '2024-03-02'] : []));
      const g = guessMapping(headers, sample);
      for (const [field, column] of Object.entries(expected)) expect({ field, column: columnOf(g, field) }).toEqual({ field, column });
    }
  });

  describe('two category columns, one within the other', () => {
    // A Superstore-shaped export: Category (3 values) and Sub-Category (17, each within one category).
    const subs: Record<string, string[]> = {
      Furniture: ['Bookcases', 'Chairs', 'Furnishings', 'Tables'],
      'Office Supplies': ['Appliances', 'Art', 'Binders', 'Envelopes', 'Fasteners', 'Labels', 'Paper', 'Storage', 'Supplies'],
      Technology: ['Accessories', 'Copiers', 'Machines', 'Phones'],
    };
    const pairs = Object.entries(subs).flatMap(([category, list]) => list.map((sub) => [category, sub] as const));
    const headers = ['Order ID', 'Order Date', 'Customer ID', 'Customer Name', 'Category', 'Sub-Category', 'Product Name', 'Sales', 'Quantity'];
    const sampleOf = (rows: (readonly [string, string])[]): string[][] =>
      headers.map((h) => {
        if (h === 'Category') return rows.map(([c]) => c);
        if (h === 'Sub-Category') return rows.map(([, sub]) => sub);
        if (h === 'Order Date') return rows.map((_, i) => `${1 + (i % 12)}/${1 + (i % 28)}/2016`);
        if (h === 'Sales' || h === 'Quantity') return rows.map((_, i) => String(10 + i));
        return rows.map((_, i) => `${h} ${i}`);
      });
    const rows = Array.from({ length: 120 }, (_, i) => pairs[(i * 7) % pairs.length]);

    it('takes the finer one when the other has only a handful of values, and says how to take the coarse one back', () => {
      const g = guessMapping(headers, sampleOf(rows));
      expect(columnOf(g, 'category')).toBe('Sub-Category');
      expect(g.find((x) => x.field === 'category')?.confidence).toBe(0.98);
      expect(g.find((x) => x.field === 'category')?.reason).toBe(
        "'Sub-Category' (17 values in the sample) splits 'Category' (3): the finer level gives profiles a mix to learn and growth categories a rep can sell; choose 'Category' for the coarse one",
      );
    });

    it('keeps the usual one when the other does not nest in it', () => {
      const crossed = rows.map(([c], i) => [c, pairs[i % 13][1]] as const);
      expect(columnOf(guessMapping(headers, sampleOf(crossed)), 'category')).toBe('Category');
    });

    it('keeps the usual one when it already has more than a handful of values', () => {
      const eight = rows.map(([, sub], i) => [`Division ${i % 8}`, `${sub} ${i % 8}`] as const);
      expect(columnOf(guessMapping(headers, sampleOf(eight)), 'category')).toBe('Category');
    });
  });

  it('takes the amount before tax for the revenue, and says which column with tax it was preferred to', () => {
    const money = (headers: string[]) => guessMapping(headers, headers.map((h) => (/customer/i.test(h) ? ['C1', 'C2', 'C3'] : /date/i.test(h) ? ['2023-01-05', '2023-01-16', '2023-02-01'] : ['119.00', '238.00', '59.50'])));
    const gross = money(['Customer ID', 'Invoice Date', 'Gross', 'Net', 'VAT', 'Amount incl. VAT']);
    expect(columnOf(gross, 'revenue')).toBe('Net');
    expect(gross.find((x) => x.field === 'revenue')?.reason).toMatch(/the amount before tax, preferred to 'Gross', which includes it/);
    expect(columnOf(money(['Customer ID', 'Invoice Date', 'Subtotal', 'Tax', 'Total']), 'revenue')).toBe('Subtotal');
    const excl = money(['Customer ID', 'Invoice Date', 'Amount incl. VAT', 'Amount excl. VAT']);
    expect(columnOf(excl, 'revenue')).toBe('Amount excl. VAT');
    expect(excl.find((x) => x.field === 'revenue')?.reason).toMatch(/preferred to 'Amount incl\. VAT'/);
  });

  it('never reads freight, tax, discounts or costs as the revenue, by header or by content', () => {
    // A marketplace's order items (Olist): the price is each row's amount, the freight beside it is not.
    const headers = ['order_id', 'customer_id', 'order_status', 'order_purchase_timestamp', 'product_id', 'price', 'freight_value', 'product_category_name'];
    const values: Record<string, string[]> = {
      order_status: ['delivered', 'delivered', 'shipped', 'canceled', 'delivered'],
      order_purchase_timestamp: ['2017-09-13 08:59:02', '2017-04-26 10:53:06', '2018-01-14 14:33:31', '2018-08-08 10:00:35', '2017-02-04 13:57:51'],
      price: ['58.90', '239.90', '199.00', '12.99', '199.90'],
      freight_value: ['13.29', '19.93', '17.87', '12.79', '18.14'],
    };
    const g = guessMapping(headers, headers.map((h) => values[h] ?? ['a1', 'b2', 'c3', 'd4', 'e5']));
    expect(columnOf(g, 'revenue')).toBe('price');
    expect(g.map((x) => x.column)).not.toContain('freight_value');
    const amounts = ['Customer', 'Date', 'Tax Amount', 'Discount Value', 'Line Value'];
    expect(columnOf(guessMapping(amounts, amounts.map(() => [])), 'revenue')).toBe('Line Value');
    const costs = ['Customer', 'Date', 'Unit Cost', 'Shipping Price', 'Sell Price', 'Qty'];
    const priced = guessMapping(costs, costs.map(() => []));
    expect(columnOf(priced, 'unitPrice')).toBe('Sell Price');
  });

  it('reads a column called Data as the date only when it holds dates', () => {
    const headers = ['Customer', 'Data', 'Sales'];
    const rows = [
      ['a', 'x17', '10.50'],
      ['b', 'y22', '11.25'],
    ];
    expect(columnOf(guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i]))), 'date')).toBeNull();
  });

  it('finds a date column by its content when its header says nothing', () => {
    const headers = ['Who', 'When', 'How much'];
    const rows = [
      ['a', '2024-01-01', '10.50'],
      ['b', '2024-01-02', '11.25'],
    ];
    const g = guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i])));
    expect(columnOf(g, 'date')).toBe('When');
    expect(g.find((x) => x.field === 'date')?.reason).toMatch(/read as dates/);
    expect(columnOf(g, 'revenue')).toBe('How much');
  });

  it('finds a column of Unix times by its content, and by the usual names of time stamps', () => {
    const headers = ['Who', 'At', 'How much'];
    const rows = [
      ['a', '1291191960', '10.50'],
      ['b', '1292230080', '11.25'],
      ['a', '1294130040', '4.00'],
    ];
    const g = guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i])));
    expect(columnOf(g, 'date')).toBe('At');
    expect(g.find((x) => x.field === 'date')?.reason).toBe("'At' holds Unix times (2010-12-01 to 2011-01-04)");
    const named = guessMapping(['customer_id', 'order_purchase_timestamp', 'price'], [['a'], ['2017-10-02 10:56:33'], ['29.99']]);
    expect(columnOf(named, 'date')).toBe('order_purchase_timestamp');
  });

  it("maps a panel's household or member key as the customer (dunnhumby's household_key, a loyalty card)", () => {
    const headers = ['household_key', 'BASKET_ID', 'DAY', 'PRODUCT_ID', 'QUANTITY', 'SALES_VALUE'];
    const g = guessMapping(headers, headers.map(() => ['1']));
    expect(columnOf(g, 'customer')).toBe('household_key');
    expect(columnOf(g, 'revenue')).toBe('SALES_VALUE');
    expect(columnOf(guessMapping(['Member ID', 'Date', 'Spend'], [['M1'], ['2024-01-01'], ['3.50']]), 'customer')).toBe('Member ID');
  });

  it("never sums a key as money: H&M's sales_channel_id is no revenue, and its item price is each row's amount", () => {
    const headers = ['t_dat', 'customer_id', 'article_id', 'price', 'sales_channel_id'];
    const rows = [
      ['2018-09-20', '000058a1', '0663713001', '0.0508305084745762', '2'],
      ['2018-09-20', '00007d2d', '0505221004', '0.0152372881355932', '1'],
    ];
    const g = guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i])));
    expect(columnOf(g, 'revenue')).toBe('price');
    expect(columnOf(g, 'unitPrice')).toBeNull();
    expect(g.find((x) => x.field === 'revenue')?.reason).toMatch(/no quantity column, so a row is one item at its price/);
    expect(g.some((x) => x.column === 'sales_channel_id')).toBe(false);
  });

  it('keeps a price a unit price when another column left over holds numbers that may count the items', () => {
    const headers = ['customer', 'date', 'price', 'pieces_shipped_total'];
    const rows = [['a', '2024-01-01', '2.50', '4']];
    const g = guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i])));
    expect(columnOf(g, 'unitPrice')).toBe('price');
    expect(columnOf(g, 'revenue')).toBeNull();
  });

  it("reads an amount of small whole numbers below the price beside it as the quantity: Ta-Feng's AMOUNT counts items, its SALES_PRICE is the line's money", () => {
    const headers = ['TRANSACTION_DT', 'CUSTOMER_ID', 'AGE_GROUP', 'PIN_CODE', 'PRODUCT_SUBCLASS', 'PRODUCT_ID', 'AMOUNT', 'ASSET', 'SALES_PRICE'];
    const unitPrices = [15, 46, 83, 29, 112, 9];
    const rows = Array.from({ length: 40 }, (_, i) => {
      const product = i % 6;
      const amount = 1 + (Math.floor(i / 6) % 3);
      const line = unitPrices[product] * amount;
      return ['11/1/2000', String(1104905 + (i % 9)), '45-49', '115', String(110411 + product), `47101990${product}`, String(amount), String(Math.round(line * 0.8)), String(line)];
    });
    const columns = headers.map((_, i) => rows.map((r) => r[i]));
    const g = guessMapping(headers, columns);
    expect(columnOf(g, 'quantity')).toBe('AMOUNT');
    expect(columnOf(g, 'revenue')).toBe('SALES_PRICE');
    expect(columnOf(g, 'unitPrice')).toBeNull();
    expect(g.find((x) => x.field === 'quantity')?.reason).toBe("'AMOUNT' holds small whole numbers (median 2) below 'SALES_PRICE' on 100% of rows: a count of items, not money");
    expect(g.find((x) => x.field === 'revenue')?.reason).toMatch(/moves with 'AMOUNT' for the same product: each line's amount/);

    // The same file with a price per unit that stays put for a product: the price times the count.
    const unitRows = rows.map((r, i) => [...r.slice(0, 8), String(unitPrices[i % 6])]);
    const unit = guessMapping(headers, headers.map((_, i) => unitRows.map((r) => r[i])));
    expect(columnOf(unit, 'quantity')).toBe('AMOUNT');
    expect(columnOf(unit, 'unitPrice')).toBe('SALES_PRICE');
    expect(columnOf(unit, 'revenue')).toBeNull();
  });

  it("takes the lines' own price, not an order's total repeated on each line (Olist's payment_value joined to its items)", () => {
    const headers = ['order_id', 'customer_unique_id', 'order_purchase_timestamp', 'product_id', 'product_category_name', 'price', 'freight_value', 'payment_value'];
    const orders = [
      { id: 'o1', items: [['p1', '29.99'], ['p2', '120.00']], paid: '171.40' },
      { id: 'o2', items: [['p3', '58.90']], paid: '72.19' },
      { id: 'o3', items: [['p4', '10.00'], ['p5', '15.00'], ['p1', '29.99']], paid: '80.12' },
      { id: 'o4', items: [['p2', '120.00'], ['p6', '45.50']], paid: '190.10' },
      { id: 'o5', items: [['p7', '9.90'], ['p8', '19.90']], paid: '41.00' },
    ];
    const rows = orders.flatMap((o, n) => o.items.map(([product, price]) => [o.id, `c${n}`, '2017-10-02 10:56:33', product, 'utilidades_domesticas', price, '8.72', o.paid]));
    const g = guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i])));
    expect(columnOf(g, 'revenue')).toBe('price');
    expect(columnOf(g, 'unitPrice')).toBeNull();
    expect(g.find((x) => x.field === 'revenue')?.reason).toBe(
      "'payment_value' repeats its order's total on every line of the order (by 'order_id'), so summed per line it would count an order once per line: 'price' is each line's amount instead",
    );
    // One payment per item, as an items-only export carries it: the amount is the line's, and stays.
    const own = rows.map((r) => [...r.slice(0, 7), (Number(r[5]) + 8.72).toFixed(2)]);
    expect(columnOf(guessMapping(headers, headers.map((_, i) => own.map((r) => r[i]))), 'revenue')).toBe('payment_value');
  });

  it('keeps an amount the money where it is not a small count below the price', () => {
    const headers = ['Date', 'Customer', 'Category', 'Amount', 'Price'];
    // A line's total with its unit price and no quantity column: the total is never below the price.
    const rows = Array.from({ length: 20 }, (_, i) => ['2024-01-02', `C${i}`, 'Pumps', String(12 * (1 + (i % 3))), '12']);
    const g = guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i])));
    expect(columnOf(g, 'revenue')).toBe('Amount');
    expect(columnOf(g, 'quantity')).toBeNull();
    // Amounts with cents are money, however small.
    const cents = rows.map((r, i) => [...r.slice(0, 3), (1 + (i % 3) + 0.5).toFixed(2), '40']);
    expect(columnOf(guessMapping(headers, headers.map((_, i) => cents.map((r) => r[i]))), 'revenue')).toBe('Amount');
  });

  it("takes a product subclass, never a customer's age group, for the category (Ta-Feng), and a web shop's user for the customer", () => {
    const headers = ['TRANSACTION_DT', 'CUSTOMER_ID', 'AGE_GROUP', 'PIN_CODE', 'PRODUCT_SUBCLASS', 'PRODUCT_ID', 'AMOUNT', 'ASSET', 'SALES_PRICE'];
    const g = guessMapping(headers, headers.map(() => []));
    expect(columnOf(g, 'category')).toBe('PRODUCT_SUBCLASS');
    const events = guessMapping(['event_time', 'event_type', 'product_id', 'category_code', 'price', 'user_id'], [[], [], [], [], [], []]);
    expect(columnOf(events, 'customer')).toBe('user_id');
    expect(columnOf(events, 'category')).toBe('category_code');
  });

  it("maps a column of order states or web-shop events as the status, by its header and its words, and never a customer's status", () => {
    const columnsOf = (rows: string[][]): string[][] => rows[0].map((_, i) => rows.map((r) => r[i]));
    const events = [
      ['2019-10-01 00:00:00 UTC', 'view', '44600062', '35.79', '541312140'],
      ['2019-10-01 00:00:01 UTC', 'Add to cart', '3900821', '33.20', '554748717'],
      ['2019-10-01 00:00:02 UTC', 'purchase', '3900821', '33.20', '554748717'],
    ];
    const g = guessMapping(['event_time', 'event_type', 'product_id', 'price', 'user_id'], columnsOf(events));
    expect(columnOf(g, 'status')).toBe('event_type');
    expect(g.find((x) => x.field === 'status')?.reason).toBe("'event_type' says what each row is (view, Add to cart, purchase): rows that are no sale (views, carts, cancelled orders) are skipped");
    // An order's State of Shipped and Cancelled is no territory; a US state is.
    const orders = guessMapping(['Customer', 'Date', 'Amount', 'State'], columnsOf([['a', '2024-01-01', '3.50', 'Shipped'], ['b', '2024-01-02', '4.00', 'Cancelled']]));
    expect([columnOf(orders, 'status'), columnOf(orders, 'territory')]).toEqual(['State', null]);
    const states = guessMapping(['Customer', 'Date', 'Amount', 'State'], columnsOf([['a', '2024-01-01', '3.50', 'Kentucky']]));
    expect([columnOf(states, 'status'), columnOf(states, 'territory')]).toEqual([null, 'State']);
    const accounts = guessMapping(['Customer', 'Date', 'Amount', 'Status'], columnsOf([['a', '2024-01-01', '3.50', 'Active'], ['b', '2024-01-02', '4.00', 'Inactive']]));
    expect(columnOf(accounts, 'status')).toBeNull();
  });

  it("takes dunnhumby's SHOP_DATE for the date, not the SHOP_WEEK code before it, and PROD_CODE for the product", () => {
    const headers = ['SHOP_WEEK', 'SHOP_DATE', 'QUANTITY', 'SPEND', 'PROD_CODE', 'CUST_CODE', 'BASKET_ID'];
    const rows = [
      ['200607', '20060413', '1', '103', 'PRD0900097', 'CUST0000410727', '994100100532898'],
      ['200607', '20060412', '3', '84', 'PRD0900550', 'CUST0000634693', '994100100532897'],
    ];
    const g = guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i])));
    expect([columnOf(g, 'date'), columnOf(g, 'product'), columnOf(g, 'customer'), columnOf(g, 'revenue'), columnOf(g, 'invoice')]).toEqual(['SHOP_DATE', 'PROD_CODE', 'CUST_CODE', 'SPEND', 'BASKET_ID']);
  });

  it("takes Olist's product_category_name for the category, not the customer's name", () => {
    const g = guessMapping(['order_id', 'customer_unique_id', 'order_purchase_timestamp', 'product_category_name', 'price'], [[], [], [], [], []]);
    expect([columnOf(g, 'category'), columnOf(g, 'customerName')]).toEqual(['product_category_name', null]);
  });

  it("takes Olist's customer_unique_id (the person) over its customer_id (one per order) when an export carries both", () => {
    const g = guessMapping(['order_id', 'customer_id', 'customer_unique_id', 'order_purchase_timestamp', 'price'], [[], [], [], [], []]);
    expect(columnOf(g, 'customer')).toBe('customer_unique_id');
  });

  it('finds the customer in accounting and shop exports: QuickBooks by its name, Xero by its contact, Shopify by its email', () => {
    const cases: [string[], string[][], Record<string, string | null>][] = [
      [
        ['Type', 'Date', 'Num', 'Memo/Description', 'Name', 'Item', 'Qty', 'Sales Price', 'Amount', 'Balance'],
        [['Invoice', '01/03/2024', '1001', 'Widgets', 'Acme Corp', 'W-1', '2', '10.00', '20.00', '20.00'], ['Invoice', '01/04/2024', '1002', 'Bolts', 'Beta LLC', 'B-2', '5', '1.50', '7.50', '27.50']],
        { customer: 'Name', customerName: null, revenue: 'Amount' },
      ],
      [
        ['Contact', 'Invoice Number', 'Invoice Date', 'Item Code', 'Description', 'Quantity', 'Unit Amount', 'Line Amount', 'Account Code', 'Tax Amount'],
        [['Acme Corp', 'INV-001', '2024-01-03', 'W-1', 'Widgets', '2', '10.00', '20.00', '200', '4.00'], ['Beta LLC', 'INV-002', '2024-01-04', 'B-2', 'Bolts', '5', '1.50', '7.50', '200', '1.50']],
        { customer: 'Contact', revenue: 'Line Amount', invoice: 'Invoice Number' },
      ],
      [
        ['Name', 'Email', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Total', 'Shipping', 'Taxes'],
        [['#1001', 'a@x.com', '2024-01-03 10:00:00', '2', 'Widget', '10.00', '24.00', '2.00', '2.00'], ['#1002', 'b@y.com', '2024-01-04 11:00:00', '5', 'Bolt', '1.50', '9.00', '1.00', '0.50']],
        { customer: 'Email', date: 'Created at' },
      ],
    ];
    for (const [headers, rows, expected] of cases) {
      const g = guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i])));
      for (const [field, column] of Object.entries(expected)) expect({ field, column: columnOf(g, field) }).toEqual({ field, column });
    }
    // A real customer id still wins over a name or an email, whichever column comes first.
    const both = ['Customer ID', 'Customer Name', 'Email', 'Date', 'Sales'];
    const g = guessMapping(both, both.map(() => []));
    expect([columnOf(g, 'customer'), columnOf(g, 'customerName')]).toEqual(['Customer ID', 'Customer Name']);
    // Short words of other languages count only whole: a landed cost is no country, a contact phone no customer.
    const loose = ['Customer', 'Date', 'Sales', 'Landed Cost', 'Contact Phone'];
    const guessed = guessMapping(loose, loose.map(() => []));
    expect(guessed.filter((x) => x.column === 'Landed Cost' || x.column === 'Contact Phone')).toEqual([]);
    const emailFirst = ['Email', 'Client', 'Date', 'Sales'];
    expect(columnOf(guessMapping(emailFirst, emailFirst.map(() => [])), 'customer')).toBe('Client');
  });

  it('takes a header only containing a measure word for that measure only when it holds numbers', () => {
    const headers = ['Customer', 'Date', 'Order Status', 'Sales'];
    const rows = [
      ['a', '2024-01-01', 'Complete', '10.50'],
      ['b', '2024-01-02', 'Pending', '11.25'],
    ];
    expect(columnOf(guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i]))), 'orders')).toBeNull();
    const counted = [
      ['a', '2024-01-01', '3', '10.50'],
      ['b', '2024-01-02', '1', '11.25'],
    ];
    const countHeaders = ['Customer', 'Date', 'Orders Count', 'Sales'];
    expect(columnOf(guessMapping(countHeaders, countHeaders.map((_, i) => counted.map((r) => r[i]))), 'orders')).toBe('Orders Count');
  });

  it("reads a compound header by its last word: Odoo's 'Invoice/Bill Date' is the date, not the invoice", () => {
    const headers = ['Customer', 'Invoice/Bill Date', 'Number', 'Product Category', 'Quantity', 'Subtotal', 'Salesperson'];
    const rows = [
      ['Acme', '2024-01-03', 'INV/2024/0001', 'Tools', '2', '20.00', 'Ann'],
      ['Beta', '2024-01-04', 'INV/2024/0002', 'Paint', '5', '7.50', 'Ben'],
    ];
    const g = guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i])));
    expect([columnOf(g, 'date'), columnOf(g, 'invoice'), columnOf(g, 'revenue'), columnOf(g, 'rep')]).toEqual(['Invoice/Bill Date', null, 'Subtotal', 'Salesperson']);
  });

  it('does not take ids of ten digits spread over centuries for Unix times', () => {
    const headers = ['Ref', 'Amount'];
    const rows = [
      ['1000000001', '10.50'],
      ['4000000002', '11.25'],
    ];
    expect(columnOf(guessMapping(headers, headers.map((_, i) => rows.map((r) => r[i]))), 'date')).toBeNull();
  });

  it('takes the leftmost column left over for the customer when a file has no header, never a header-like guess', () => {
    const headers = ['Column 1', 'Column 2', 'Column 3'];
    const data = [
      ['19970101', '29.33', '00004'],
      ['19970118', '29.73', '00004'],
    ];
    const g = guessMapping(headers, headers.map((_, i) => data.map((r) => r[i])), true);
    expect([columnOf(g, 'date'), columnOf(g, 'revenue'), columnOf(g, 'customer')]).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(g.find((x) => x.field === 'customer')?.reason).toContain('no header row');
  });
});

describe('header detection', () => {
  it("finds the header under a report's preamble of 'Key:' and value lines", () => {
    const rows = [
      ['Report:', 'Sales by Customer Detail', '', ''],
      ['Period:', '2023-01-01', 'to', '2023-03-31'],
      ['', '', '', ''],
      ['Customer ID', 'Invoice Date', 'Category', 'Amount'],
      ['C1', '2023-01-05', 'Widgets', '100.00'],
      ['C2', '2023-01-16', 'Widgets', '200.00'],
    ].map((cells, i) => ({ line: i + 1, cells }));
    expect(detectHeader(rows)).toBe(3);
  });

  it('finds the header under title rows and a blank row', () => {
    const records = [['Sales 2024', ''], ['', ''], ['Customer', 'Revenue'], ['A', '10'], ['B', '20']].map((cells, i) => ({ line: i + 1, cells }));
    expect(detectHeader(records)).toBe(2);
  });

  it('finds nothing in a column of numbers', () => {
    const records = [['1'], ['2'], ['3']].map((cells, i) => ({ line: i + 1, cells }));
    expect(detectHeader(records)).toBeNull();
  });

  const rows = (cells: string[][]) => cells.map((c, i) => ({ line: i + 1, cells: c }));

  it('takes rows of one width with a column of dates for a table without a header, in any date spelling', () => {
    expect(headerlessWidth(rows([['00004', '19970101', '29.33'], ['00004', '19970118', '29.73'], ['00005', '19970102', '8.00']]))).toBe(3);
    expect(headerlessWidth(rows([['A1', '13/05/2024', '10'], ['A2', '14/05/2024', '12']]))).toBe(3);
    expect(headerlessWidth(rows([['A1', '05-Mar-2024', '10'], ['A2', '06-Mar-2024', '12']]))).toBe(3);
  });

  it('does not take numbers, ragged rows, a single row or 8-digit ids that are no dates for a table', () => {
    expect(headerlessWidth(rows([['1', '20'], ['2', '30'], ['3', '40']]))).toBeNull();
    expect(headerlessWidth(rows([['C1', '12345678', '5'], ['C2', '87654321', '6']]))).toBeNull();
    expect(headerlessWidth(rows([['C1', '2024-01-05', '5']]))).toBeNull();
    expect(headerlessWidth(rows([['C1', '2024-01-05'], ['C2', '2024-01-06', 'x', 'y', 'z'], ['C3'], ['C4', '2024-01-07', '1']]))).toBeNull();
  });
});

describe('encoding sniffing', () => {
  it('tells UTF-8, UTF-16 and Windows-1252 apart by BOM, zero bytes and validity', () => {
    expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', bom: 3 });
    expect(sniffEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]))).toEqual({ encoding: 'utf-16le', bom: 2 });
    expect(sniffEncoding(Buffer.from([0xfe, 0xff, 0, 0x61]))).toEqual({ encoding: 'utf-16be', bom: 2 });
    expect(sniffEncoding(Buffer.from('ab,cd\n', 'utf16le')).encoding).toBe('utf-16le');
    expect(sniffEncoding(Buffer.from('Café', 'utf8')).encoding).toBe('utf-8');
    expect(sniffEncoding(Buffer.from('Café', 'latin1')).encoding).toBe('windows-1252');
  });
});
