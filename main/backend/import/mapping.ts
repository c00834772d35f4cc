import type { ImportField, MappingGuess } from '../../../shared/contract/import';
import { isoFromDay } from '../../../shared/format/dates';
import { DateOrderDetector } from './dates';
import { parseAmount } from './numbers';
import { amountThatCounts } from './count-or-money';
import { holdsHashes } from './hashed-ids';
import { revenueBesidePriceNote } from './revenue-beside-price';
import { readsAsSaleStatus } from '../../../shared/model/sale-status';
import { currenciesIn, currencyColumnOf, currencyInHeader } from '../../../shared/format/currency';

/**
 * Header words, normalised (lower case, accents folded, letters and digits only, '#' read as 'no').
 * First = strongest: the English names, then the usual German, French, Spanish, Italian, Dutch and
 * Portuguese ones (a European client's export keeps its own headers).
 */
const SYNONYMS: Record<ImportField, string[]> = {
  customer: ['customeruniqueid', 'customerid', 'customer', 'customerno', 'customernumber', 'customercode', 'custid', 'custno', 'cust', 'custnumber', 'accountno', 'accountnumber', 'accountid', 'account', 'acctno', 'acct', 'clientid', 'clientno', 'clientcode', 'client', 'soldto', 'soldtoparty', 'shipto', 'buyerid', 'buyer', 'masterid', 'customerkey', 'debtor', 'debtorno', 'householdkey', 'householdid', 'household', 'memberid', 'memberno', 'member', 'loyaltyid', 'cardno', 'cardid', 'shopperid', 'userid', 'visitorid', 'kundennummer', 'kundennr', 'kundenid', 'kundencode', 'kunde', 'kunden', 'debitor', 'debitornr', 'debitorennummer', 'debitorennr', 'kdnr', 'codeclient', 'numeroclient', 'noclient', 'idclient', 'numclient', 'cliente', 'codigocliente', 'idcliente', 'numerocliente', 'nocliente', 'codicecliente', 'klant', 'klantnummer', 'klantnr', 'klantid', 'debiteur', 'debiteurnummer', 'debiteurnr', 'contact', 'customeremail', 'email', 'emailaddress'],
  customerName: ['customername', 'custname', 'accountname', 'clientname', 'companyname', 'company', 'buyername', 'name', 'kundenname', 'firmenname', 'firma', 'kundenbezeichnung', 'nomclient', 'raisonsociale', 'societe', 'nombrecliente', 'razonsocial', 'empresa', 'ragionesociale', 'nomecliente', 'klantnaam', 'bedrijfsnaam', 'contactname'],
  date: ['date', 'orderdate', 'invoicedate', 'transactiondate', 'txndate', 'trandate', 'saledate', 'salesdate', 'documentdate', 'docdate', 'postingdate', 'shipdate', 'deliverydate', 'billingdate', 'purchasedate', 'day', 'period', 'periodstart', 'weekstart', 'week', 'timestamp', 'datetime', 'ordertimestamp', 'orderdatetime', 'createdat', 'orderedat', 'purchasedat', 'epoch', 'ts', 'datum', 'rechnungsdatum', 'belegdatum', 'buchungsdatum', 'auftragsdatum', 'bestelldatum', 'lieferdatum', 'verkaufsdatum', 'datefacture', 'datecommande', 'datedevente', 'datevente', 'datelivraison', 'fecha', 'fechafactura', 'fechapedido', 'fechaventa', 'fechadeventa', 'datafattura', 'dataordine', 'datafatura', 'datapedido', 'factuurdatum', 'orderdatum', 'data', 'calendaryearmonth', 'calmonth', 'monthkey', 'fiscalyearperiod', 'fiscalperiod', 'postingperiod', 'yearperiod', 'periodkey', 'fiscper', 'buchungsperiode'],
  category: ['category', 'productgroup', 'productcategory', 'categoryname', 'productfamily', 'prodgroup', 'productline', 'itemgroup', 'itemcategory', 'family', 'group', 'department', 'dept', 'class', 'commodity', 'division', 'subclass', 'productsubclass', 'productclass', 'materialgroup', 'matlgroup', 'materialgruppe', 'warengruppe', 'produktgruppe', 'artikelgruppe', 'kategorie', 'produktkategorie', 'warenkategorie', 'sparte', 'categorie', 'famille', 'familleproduit', 'gamme', 'sousfamille', 'categorieproduit', 'categoria', 'familia', 'rubro', 'famiglia', 'gruppomerceologico', 'productgroep', 'artikelgroep', 'familie'],
  product: ['product', 'productid', 'productcode', 'productno', 'prodcode', 'prodid', 'prodno', 'sku', 'lineitemsku', 'variantsku', 'stockcode', 'item', 'itemno', 'itemcode', 'itemnumber', 'itemid', 'partno', 'partnumber', 'article', 'articleno', 'material', 'materialno', 'ean', 'barcode', 'upc', 'gtin', 'artikelnummer', 'artikelnr', 'artikel', 'produkt', 'produktnummer', 'materialnummer', 'artnr', 'produit', 'codearticle', 'refarticle', 'referencearticle', 'codeproduit', 'ref', 'producto', 'articulo', 'codigoproducto', 'codigoarticulo', 'articolo', 'codicearticolo', 'prodotto', 'produto', 'codigoproduto'],
  productName: ['description', 'productname', 'itemname', 'itemdescription', 'productdescription', 'articlename', 'artikelbezeichnung', 'bezeichnung', 'produktname', 'artikelname', 'beschreibung', 'designation', 'libelle', 'libellearticle', 'nomproduit', 'descripcion', 'nombreproducto', 'nombrearticulo', 'descrizione', 'descricao', 'omschrijving', 'artikelomschrijving'],
  quantity: ['quantity', 'qty', 'units', 'unitssold', 'qtysold', 'volume', 'pieces', 'pcs', 'cds', 'numberofcds', 'menge', 'anzahl', 'stueck', 'stuck', 'stueckzahl', 'stuckzahl', 'quantite', 'qte', 'cantidad', 'unidades', 'quantita', 'qta', 'quantidade', 'qtd', 'qtde', 'aantal', 'hoeveelheid'],
  unitPrice: ['unitprice', 'price', 'priceperunit', 'sellprice', 'sellingprice', 'netprice', 'unitprc', 'rate', 'einzelpreis', 'preis', 'stueckpreis', 'stuckpreis', 'nettopreis', 'verkaufspreis', 'prixunitaire', 'prix', 'prixht', 'preciounitario', 'precio', 'prezzo', 'prezzounitario', 'preco', 'precounitario', 'prijs', 'stukprijs'],
  revenue: ['revenue', 'netsales', 'net', 'netvalue', 'subtotal', 'netto', 'nettowert', 'sales', 'salesamount', 'amount', 'netamount', 'netrevenue', 'salesvalue', 'salesusd', 'value', 'total', 'totalamount', 'linetotal', 'lineamount', 'extendedprice', 'extprice', 'invoiceamount', 'turnover', 'dollarvalue', 'dollars', 'spend', 'grosssales', 'umsatz', 'umsatznetto', 'nettoumsatz', 'betrag', 'nettobetrag', 'rechnungsbetrag', 'erloes', 'erlos', 'wert', 'summe', 'gesamtbetrag', 'chiffredaffaires', 'montant', 'montantht', 'montantttc', 'caht', 'cattc', 'ventes', 'totalht', 'valeur', 'ventas', 'importe', 'monto', 'facturacion', 'ingresos', 'importeneto', 'valor', 'fatturato', 'importo', 'vendite', 'valore', 'faturamento', 'vendas', 'receita', 'omzet', 'bedrag', 'waarde', 'totaal'],
  rep: ['salesrep', 'rep', 'repname', 'salesperson', 'salesman', 'salesmanager', 'accountmanager', 'accountowner', 'seller', 'owner', 'repid', 'am', 'vertreter', 'verkaeufer', 'verkaufer', 'aussendienst', 'aussendienstmitarbeiter', 'kundenbetreuer', 'betreuer', 'vertriebsmitarbeiter', 'commercial', 'vendeur', 'representant', 'chargedaffaires', 'vendedor', 'representante', 'ejecutivo', 'asesor', 'agente', 'venditore', 'verkoper', 'vertegenwoordiger'],
  territory: ['territory', 'region', 'salesregion', 'salesterritory', 'area', 'district', 'country', 'branch', 'state', 'zone', 'gebiet', 'vertriebsgebiet', 'verkaufsgebiet', 'bezirk', 'niederlassung', 'filiale', 'bundesland', 'land', 'territoire', 'secteur', 'departement', 'pays', 'agence', 'territorio', 'zona', 'provincia', 'pais', 'sucursal', 'regione', 'regiao', 'regio', 'gebied', 'vestiging'],
  segment: ['segment', 'customersegment', 'channel', 'customertype', 'customergroup', 'industry', 'tradechannel', 'kundengruppe', 'kundensegment', 'branche', 'vertriebsweg', 'kanal', 'canal', 'typeclient', 'tipocliente'],
  orders: ['orders', 'ordercount', 'numorders', 'norders', 'orderdays', 'invoicecount', 'orderlines', 'lines', 'linecount'],
  // Found by header and content together (readsAsSaleStatus): a customer's Status is no sale status.
  status: [],
  invoice: ['invoiceno', 'invoice', 'invoicenumber', 'invoiceid', 'orderno', 'ordernumber', 'orderid', 'documentno', 'docno', 'transactionid', 'receiptno', 'receiptid', 'basketid', 'basket', 'ticketid', 'ticketno', 'rechnungsnummer', 'rechnungsnr', 'belegnummer', 'belegnr', 'auftragsnummer', 'auftragsnr', 'bestellnummer', 'numerofacture', 'nofacture', 'facture', 'numfacture', 'numerocommande', 'nocommande', 'factura', 'numerofactura', 'nofactura', 'pedido', 'numeropedido', 'fattura', 'numerofattura', 'notafiscal', 'numeronota', 'factuurnummer', 'factuurnr', 'ordernummer'],
};

const plainHeader = (h: string): string =>
  h
    .toLowerCase()
    .replace(/#/g, 'no')
    .replace(/\$/g, 'usd')
    .replace(/[^a-z0-9]/g, '');

/** "Catégorie" is "categorie", "Stück" "stuck", "N° client" "noclient", "Straße" "strasse". */
const foldAccents = (h: string): string =>
  h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[°º]/g, 'o');

export const normaliseHeader = (h: string): string => plainHeader(foldAccents(h));

/** Words that join a header's nouns in French, Spanish, Italian, Portuguese, Dutch and German ("Fecha de factura", "Date de la facture"). */
const JOINING_WORDS: ReadonlySet<string> = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'del', 'di', 'da', 'do', 'dos', 'della', 'van', 'der', 'het', 'von']);

/** A header without its joining words, normalised: "Fecha de factura" is "fechafactura", as the synonyms write it. */
const withoutJoiningWords = (h: string): string =>
  plainHeader(
    foldAccents(h)
      .toLowerCase()
      .split(/[^a-z0-9#$]+/)
      .filter((w) => !JOINING_WORDS.has(w))
      .join(' '),
  );

/**
 * Identifies a file layout: the same headers in the same order map the same way. Accents are not
 * folded here, so a mapping saved before they were keeps its key.
 */
export const headerSignature = (headers: readonly string[]): string => headers.map(plainHeader).join('|');

/** Names that stand for the customer only in exports without a better one (an email beside a Client column is not the key). */
const LAST_RESORT: ReadonlySet<string> = new Set(['contact', 'customeremail', 'email', 'emailaddress']);

/** Short words that begin or end too many other headers ("Landed Cost", "Contact Phone"): they count only whole. */
// 'seller' only whole: a marketplace's seller_id names the shop that sold the item, not the customer's rep.
const WHOLE_ONLY: ReadonlySet<string> = new Set(['land', 'data', 'firma', 'canal', 'kanal', 'zona', 'pais', 'wert', 'contact', 'email', 'seller']);

/** Fields summed as numbers: a header that names a key (sales_channel_id) is never one of them, whatever word it starts with. */
const MEASURES: ReadonlySet<ImportField> = new Set(['revenue', 'quantity', 'unitPrice', 'orders']);
const NAMES_A_KEY = /(id|key|code|no|nr|number|type|flag)$/;
/** Whether a header names a key (an id, a code, a number) rather than a quantity or an amount. */
export const namesAKey = (header: string): boolean => NAMES_A_KEY.test(normaliseHeader(header));
/**
 * Money that is not the sale: freight, tax, discounts, costs, margins, fees. "freight_value" or
 * "tax_amount" contains a revenue word, and on a marketplace export (Olist) the freight had been
 * read as the revenue.
 */
const NOT_SALES = /(freight|shipping|postage|carriage|delivery|tax|^vat|vat$|gst|duty|discount|rebate|cost|cogs|profit|margin|^fee|fees?$|commission)/;
/** Whether a header names money beside the sale rather than the sale itself. */
export const namesNotSales = (header: string): boolean => NOT_SALES.test(normaliseHeader(header));
/** An age group or income class groups people, not products: never the category. */
const DESCRIBES_PEOPLE = /^(customer|cust|member|buyer)?(age|gender|sex|income|marital|education)/;

/** Whether a header names a price per unit rather than a line's amount. */
export const namesAPrice = (header: string): boolean => {
  const n = normaliseHeader(header);
  return SYNONYMS.unitPrice.includes(n) || n.endsWith('price');
};

type Candidate = { field: ImportField; column: string; confidence: number; reason: string };

/** Whether a column's first values read as dates (in any spelling, Unix times and Excel numbers included); true when it has none to tell. */
function holdsDates(values: readonly string[]): boolean {
  const filled = values.filter((v) => v.trim() !== '');
  if (filled.length === 0) return true;
  const dates = new DateOrderDetector();
  for (const v of filled) dates.observe(v);
  return dates.dateShare >= 0.5 || dates.datesAsNumbers !== null;
}

/** Whether a column's first values read as numbers; true when it has none to tell. */
function holdsNumbers(values: readonly string[]): boolean {
  const filled = values.filter((v) => v.trim() !== '');
  return filled.length === 0 || filled.filter((v) => parseAmount(v) !== null).length >= 0.9 * filled.length;
}

/** Whether a file has a column of the tax itself (Tax, VAT, MwSt, TVA, IVA, GST): a Total beside it has the tax in it. */
const hasTaxColumn = (headers: readonly string[]): boolean => headers.some((h) => /(tax|vat|mwst|ust|tva|iva|gst)/.test(normaliseHeader(h)));

/** Headers of an amount with tax in it (Gross, Brutto, Amount incl. VAT, Montant TTC). */
const TAX_INCLUDED = /(gross|brutto|incl|inkl|ttc|withtax|withvat)/;
/** Headers of an amount that says tax is left out of it (Amount excl. VAT, Betrag ohne MwSt). */
const EXCLUDES_TAX = /(excl|exkl|ohne|before(tax|vat)|pretax|ex(vat|tax|gst))/;
/** Headers of an amount before tax. */
const BEFORE_TAX = /^(net|netto|subtotal|netvalue|nettowert|netsales|netamount|netrevenue|nettobetrag|nettoumsatz|umsatznetto|montantht|totalht|caht|importeneto)$/;

/**
 * The column with tax in it that a net revenue column was preferred to, if the file has one: a
 * header saying so, or a Total beside a tax column (Subtotal, Tax, Total).
 */
function beforeTaxOver(column: string, headers: readonly string[], columns: readonly string[][]): string | null {
  const n = normaliseHeader(column);
  if (!BEFORE_TAX.test(n) && !EXCLUDES_TAX.test(n)) return null;
  const hasTax = hasTaxColumn(headers);
  const other = headers.find((h, i) => {
    const m = normaliseHeader(h);
    return h !== column && holdsNumbers(columns[i] ?? []) && (TAX_INCLUDED.test(m) || (hasTax && /^(total|totalamount|amount|invoiceamount|invoicetotal)$/.test(m)));
  });
  return other ?? null;
}

/** A total that, beside a tax column, has the tax in it (Importe, IVA, Total). */
const GRAND_TOTAL = /^(total|totalamount|invoicetotal|grandtotal|totaal|totale)$/;

function headerCandidates(headers: readonly string[], columns: readonly string[][]): Candidate[] {
  const out: Candidate[] = [];
  const hasTax = hasTaxColumn(headers);
  for (const [i, column] of headers.entries()) {
    const n = normaliseHeader(column);
    if (n === '') continue;
    const joined = withoutJoiningWords(column);
    for (const field of Object.keys(SYNONYMS) as ImportField[]) {
      const words = SYNONYMS[field];
      // "Fecha de factura" had matched no date name, and 'factura' at its end made it the invoice.
      const exact = words.indexOf(n) >= 0 ? words.indexOf(n) : joined !== n ? words.indexOf(joined) : -1;
      // "Data" is the date in Italian and Portuguese, and anything at all in English: only when it holds dates.
      if (exact >= 0 && field === 'date' && (n === 'data' || joined === 'data') && !holdsDates(columns[i] ?? [])) continue;
      // Hashes are a system's keys: a rep is named or coded by the people who keep the roster.
      if (field === 'rep' && holdsHashes(columns[i] ?? [])) continue;
      if (exact >= 0) {
        // Earlier synonyms are the usual names, later ones looser: "Region" beats "Country" for territory.
        // An amount with tax in it yields to one without: Montant TTC and Montant HT, both at the
        // floor, had tied, and the file's first column (with 20% VAT) won.
        const taxed = field === 'revenue' && (TAX_INCLUDED.test(n) || (hasTax && GRAND_TOTAL.test(n))) ? 0.05 : 0;
        const confidence = LAST_RESORT.has(n) ? 0.62 : Math.max(0.7, 0.98 - exact * 0.02) - taxed;
        out.push({ field, column, confidence, reason: `header '${column}' is a usual name for ${field}` });
        continue;
      }
      if (MEASURES.has(field) && NAMES_A_KEY.test(n)) continue;
      // 'Amount excl. VAT' names tax only to say it is left out.
      if ((field === 'revenue' || field === 'unitPrice') && NOT_SALES.test(n) && !EXCLUDES_TAX.test(n)) continue;
      if (field === 'category' && DESCRIBES_PEOPLE.test(n)) continue;
      // A bare "name" inside a header names anything (product_category_name): only whole, it is the customer's.
      const partial = words.find((w) => w.length >= 4 && w !== 'name' && !WHOLE_ONLY.has(w) && (n.startsWith(w) || n.endsWith(w)));
      if (!partial) continue;
      // A header only containing a date word (SHOP_WEEK beside SHOP_DATE) must hold dates to be one.
      if (field === 'date' && !holdsDates(columns[i] ?? [])) continue;
      // ...and one only containing an invoice word that holds dates is the invoice's date, not its number.
      if (field === 'invoice' && (columns[i] ?? []).some((v) => v.trim() !== '') && holdsDates(columns[i] ?? [])) continue;
      // ...and one only containing a measure's word must hold numbers ("Order Status" is no count of orders).
      if (MEASURES.has(field) && !holdsNumbers(columns[i] ?? [])) continue;
      // The longer word found says more: product_category_name is a 'productcategory' before it is a
      // 'product'. But a header ending in a date word that holds dates is a date: "Invoice/Bill Date"
      // is no invoice ("Pieces Shipped Total" still counts pieces: only dates are read this way).
      const head = field === 'date' && n.endsWith(partial) ? 0.01 : 0;
      out.push({ field, column, confidence: 0.55 + head + partial.length * 0.001, reason: `header '${column}' contains '${partial}'` });
    }
  }
  return out;
}

function contentCandidates(headers: readonly string[], columns: readonly string[][], taken: Set<string>): Candidate[] {
  const out: Candidate[] = [];
  headers.forEach((column, i) => {
    if (taken.has(column)) return;
    const values = columns[i].filter((v) => v.trim() !== '');
    if (values.length === 0) return;
    const dates = new DateOrderDetector();
    for (const v of values) dates.observe(v);
    if (dates.dateShare >= 0.9 && dates.decide().detected !== 'excel-serial') {
      out.push({ field: 'date', column, confidence: 0.5, reason: `${Math.round(dates.dateShare * 100)}% of '${column}' values read as dates` });
      return;
    }
    const numbered = dates.datesAsNumbers;
    if (numbered) {
      out.push({
        field: 'date',
        column,
        confidence: 0.45,
        reason: `'${column}' holds ${numbered.kind} (${isoFromDay(numbered.from)} to ${isoFromDay(numbered.to)})`,
      });
      return;
    }
    const numbers = values.filter((v) => parseAmount(v) !== null).length / values.length;
    const decimals = values.filter((v) => /[.,]\d{2}\b/.test(v)).length / values.length;
    if (numbers >= 0.95 && decimals >= 0.5 && !namesNotSales(column)) {
      out.push({ field: 'revenue', column, confidence: 0.35, reason: `'${column}' holds amounts with decimals` });
    }
  });
  return out;
}

/**
 * Without a header the customer has no name to be found by: it is taken to be the leftmost column
 * left over that is filled on nearly every row, as customer ids lead the exports and logs we see.
 */
function positionalCustomer(headers: readonly string[], columns: readonly string[][], used: Set<string>): Candidate | null {
  const i = headers.findIndex((h, k) => !used.has(h) && columns[k].length > 0 && columns[k].filter((v) => v.trim() !== '').length >= 0.9 * columns[k].length);
  return i < 0 ? null : { field: 'customer', column: headers[i], confidence: 0.3, reason: `the file has no header row: '${headers[i]}' is the leftmost column that is neither a date nor an amount` };
}

function saleStatusCandidate(headers: readonly string[], columns: readonly string[][], byPosition: boolean): Candidate | null {
  if (byPosition) return null;
  const i = headers.findIndex((h, k) => readsAsSaleStatus(normaliseHeader(h), columns[k]));
  if (i < 0) return null;
  const seen = [...new Set(columns[i].map((v) => v.trim()).filter(Boolean))];
  return {
    field: 'status',
    column: headers[i],
    confidence: 0.9,
    reason: `'${headers[i]}' says what each row is (${seen.slice(0, 4).join(', ')}${seen.length > 4 ? ', ...' : ''}): rows that are no sale (views, carts, cancelled orders) are skipped`,
  };
}

const PER_UNIT = /^unit|perunit|unitprc/;

/**
 * A price (not a unit price) with no quantity and no amount beside it (item-level logs: one row per item bought) is
 * each row's amount. Only when no other column left over holds numbers that could be a quantity
 * or the money; keys (ids, codes) are not counted as such.
 */
function lineAmountFromPrice(chosen: Map<ImportField, Candidate>, headers: readonly string[], columns: readonly string[][], used: Set<string>): Candidate | null {
  const price = chosen.get('unitPrice');
  // "Unit price" says the rows have units, which a quantity column left out of the export would count.
  if (!price || chosen.has('revenue') || chosen.has('quantity') || PER_UNIT.test(normaliseHeader(price.column))) return null;
  const rivals = headers.filter((h, i) => {
    if (used.has(h) || namesAKey(h) || namesNotSales(h)) return false;
    const values = columns[i].filter((v) => v.trim() !== '');
    return values.length > 0 && values.filter((v) => parseAmount(v) !== null).length >= 0.9 * values.length;
  });
  if (rivals.length > 0) return null;
  return {
    field: 'revenue',
    column: price.column,
    confidence: price.confidence,
    reason: `'${price.column}' is read as each row's amount: the file has no quantity column, so a row is one item at its price`,
  };
}

/**
 * An amount column that counts items beside a price, where no quantity column was found
 * (count-or-money.ts decides): the amount becomes the quantity, the price the line's amount or a
 * price per unit.
 */
function countedAmount(chosen: Map<ImportField, Candidate>, headers: readonly string[], columns: readonly string[][]): Candidate[] | null {
  const amount = chosen.get('revenue');
  const price = chosen.get('unitPrice');
  if (!amount || !price || chosen.has('quantity')) return null;
  const at = (c: Candidate): readonly string[] => columns[headers.indexOf(c.column)] ?? [];
  const product = chosen.get('product');
  const counted = amountThatCounts({
    amount: { column: amount.column, header: normaliseHeader(amount.column), values: at(amount) },
    price: { column: price.column, header: normaliseHeader(price.column), values: at(price) },
    products: product ? at(product) : null,
  });
  if (!counted) return null;
  const quantity: Candidate = { field: 'quantity', column: amount.column, confidence: Math.min(amount.confidence, 0.6), reason: counted.countReason };
  return [quantity, { ...price, field: counted.lineTotal ? 'revenue' : 'unitPrice', reason: counted.priceReason }];
}

/** Orders of two or more lines the sample must show before an amount is judged to repeat the order's total. */
const MIN_SPLIT_ORDERS = 3;
/** ...and the share of them whose lines all carry one amount while their prices or products differ. */
const REPEATED_SHARE = 0.8;

/**
 * Whether the amount column repeats its order's total on every line: an order header joined to its
 * lines (Olist's payment_value beside each item's price) sums an order of three items three times.
 * Judged on the sample's orders of two or more lines whose lines differ (by product where there is
 * one, else by price): nearly all carrying one amount on every line. Acted on only where a price
 * column gives the lines' own money.
 */
/**
 * The revenue in one currency, where the chosen amount is in each row's own: a ledger with a
 * Currency column of SEK, USD and EUR beside 'Amount' and 'Amount (EUR)'. Summed, the first adds
 * kronor to dollars; the import had kept only the rows in the guessed currency and rejected the rest.
 */
function convertedAmount(chosen: Map<ImportField, Candidate>, headers: readonly string[], columns: readonly string[][], used: Set<string>): Candidate | null {
  const amount = chosen.get('revenue');
  if (!amount || currencyInHeader(amount.column)) return null;
  const currency = currencyColumnOf(headers);
  const codes = currency ? currenciesIn(columns[headers.indexOf(currency)] ?? []) : [];
  // 'Amount (local)' beside 'Amount (EUR)' says as much without a currency column.
  const local = /(local|lokal|original)/i.test(amount.column);
  if (codes.length < 2 && !local) return null;
  // Money of the sale by its name, in a currency of its own: a 'Credit limit (USD)' is neither.
  const other = headers.find(
    (h, i) => !used.has(h) && h !== amount.column && currencyInHeader(h) !== null && SALE_MONEY.test(h) && !namesNotSales(h) && holdsNumbers(columns[i] ?? []),
  );
  if (!other) return null;
  return {
    field: 'revenue',
    column: other,
    confidence: amount.confidence,
    reason: `'${other}' holds every row in ${currencyInHeader(other)}; '${amount.column}' is in each row's own currency${codes.length >= 2 ? ` (${codes.join(', ')})` : ''}, which cannot be summed`,
  };
}

const SALE_MONEY = /(amount|amt|revenue|sales|value|net|total|betrag|umsatz|montant|importe|bedrag|valor|importo)/i;

/** Whether most of a column's non-blank values pass `test`. */
function mostly(values: readonly string[], test: (v: string) => boolean): boolean {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  return filled.length > 0 && filled.filter(test).length >= 0.8 * filled.length;
}

/**
 * The revenue column when it is an order's figure written on its first line only (a Shopify orders
 * export's Subtotal and Total, blank on the order's other lines) beside each line's own price and
 * quantity: summed per line it misses every line but the first, which were rejected for no revenue.
 */
function orderFigureOnFirstLine(chosen: Map<ImportField, Candidate>, headers: readonly string[], columns: readonly string[][]): Candidate | null {
  const amount = chosen.get('revenue');
  const price = chosen.get('unitPrice');
  const quantity = chosen.get('quantity');
  if (!amount || !price || !quantity) return null;
  const at = (c: Candidate): readonly string[] => columns[headers.indexOf(c.column)] ?? [];
  const [amounts, prices, quantities] = [at(amount), at(price), at(quantity)];
  let priced = 0;
  let blank = 0;
  prices.forEach((p, row) => {
    if (parseAmount(p.trim()) === null || parseAmount((quantities[row] ?? '').trim()) === null) return;
    priced++;
    if ((amounts[row] ?? '').trim() === '') blank++;
  });
  return blank >= 1 && blank >= 0.1 * priced ? amount : null;
}

function repeatsOrderTotal(chosen: Map<ImportField, Candidate>, headers: readonly string[], columns: readonly string[][]): boolean {
  const amount = chosen.get('revenue');
  const invoice = chosen.get('invoice');
  const differ = chosen.get('product') ?? chosen.get('unitPrice');
  if (!amount || !invoice || !differ) return false;
  const at = (c: Candidate): readonly string[] => columns[headers.indexOf(c.column)] ?? [];
  const [amounts, invoices, lines] = [at(amount), at(invoice), at(differ)];
  const orders = new Map<string, { amounts: Set<string>; lines: Set<string>; count: number }>();
  invoices.forEach((written, row) => {
    const key = written.trim();
    if (!key) return;
    const order = orders.get(key) ?? { amounts: new Set<string>(), lines: new Set<string>(), count: 0 };
    order.amounts.add((amounts[row] ?? '').trim());
    order.lines.add((lines[row] ?? '').trim());
    order.count++;
    orders.set(key, order);
  });
  let split = 0;
  let repeated = 0;
  for (const order of orders.values()) {
    if (order.count < 2 || order.lines.size < 2) continue;
    split++;
    if (order.amounts.size === 1) repeated++;
  }
  return split >= MIN_SPLIT_ORDERS && repeated >= REPEATED_SHARE * split;
}

/** A category column this coarse (Superstore's Furniture, Office Supplies, Technology) leaves little mix to learn. */
const COARSE_CATEGORIES = 5;
/** ...and one this fine is still a level a rep sells by (level.ts reads up to 60 as usable). */
const MAX_FINER_CATEGORIES = 60;
/** Values of the finer column that sit within one value of the coarse one, at least. */
const NESTED_SHARE = 0.98;

/**
 * The finer of two category columns where one nests in the other (Sub-Category within Category):
 * a cross-sell of 'Technology' tells a rep nothing a cross-sell of 'Phones' does not, and three
 * categories give profiles a triangle of mixes to split. Only when the chosen column is coarse
 * (COARSE_CATEGORIES values or fewer in the sample), the other column also names a category by
 * its header, holds at least twice as many values and no more than MAX_FINER_CATEGORIES, and
 * nearly all of its values sit within one coarse value. The reason names both, so the coarse
 * level is one choice (or --map) away.
 */
function finerCategory(chosen: Candidate | undefined, byHeader: readonly Candidate[], headers: readonly string[], columns: readonly string[][], used: Set<string>): Candidate | null {
  if (!chosen) return null;
  const coarse = columns[headers.indexOf(chosen.column)] ?? [];
  const coarseValues = distinctFilled(coarse);
  if (coarseValues.size < 2 || coarseValues.size > COARSE_CATEGORIES) return null;
  for (const candidate of byHeader) {
    if (candidate.field !== 'category' || candidate.column === chosen.column || used.has(candidate.column)) continue;
    const fine = columns[headers.indexOf(candidate.column)] ?? [];
    const fineValues = distinctFilled(fine);
    if (fineValues.size < 2 * coarseValues.size || fineValues.size > MAX_FINER_CATEGORIES) continue;
    if (nestedShare(fine, coarse) < NESTED_SHARE) continue;
    used.delete(chosen.column);
    used.add(candidate.column);
    return {
      ...candidate,
      // As sure as the coarse column was: the header names a category and the values nest in it.
      confidence: chosen.confidence,
      reason: `'${candidate.column}' (${fineValues.size} values in the sample) splits '${chosen.column}' (${coarseValues.size}): the finer level gives profiles a mix to learn and growth categories a rep can sell; choose '${chosen.column}' for the coarse one`,
    };
  }
  return null;
}

const distinctFilled = (values: readonly string[]): Set<string> => new Set(values.map((v) => v.trim()).filter(Boolean));

/** Share of the fine column's values whose rows all carry one coarse value (each fine value counted once). */
function nestedShare(fine: readonly string[], coarse: readonly string[]): number {
  const parents = new Map<string, Set<string>>();
  fine.forEach((value, row) => {
    const f = value.trim();
    const c = (coarse[row] ?? '').trim();
    if (!f || !c) return;
    const seen = parents.get(f) ?? new Set<string>();
    seen.add(c);
    parents.set(f, seen);
  });
  if (parents.size === 0) return 0;
  let nested = 0;
  for (const seen of parents.values()) if (seen.size === 1) nested++;
  return nested / parents.size;
}

/**
 * Best column per field, each column used once, strongest guesses first. `byPosition`: the file
 * has no header row, so its columns (Column 1, ...) are known by their contents alone.
 */
export function guessMapping(headers: readonly string[], columns: readonly string[][], byPosition = false): MappingGuess[] {
  const byHeader = byPosition ? [] : headerCandidates(headers, columns);
  const taken = new Set(byHeader.filter((c) => c.confidence >= 0.7).map((c) => c.column));
  const all = [...byHeader, ...contentCandidates(headers, columns, taken)].sort((a, b) => b.confidence - a.confidence);
  const chosen = new Map<ImportField, Candidate>();
  const used = new Set<string>();
  // Before the others: an order's State of Shipped and Cancelled is no territory.
  const status = saleStatusCandidate(headers, columns, byPosition);
  if (status) {
    chosen.set('status', status);
    used.add(status.column);
  }
  for (const c of all) {
    if (chosen.has(c.field) || used.has(c.column)) continue;
    chosen.set(c.field, c);
    used.add(c.column);
  }
  const customer = byPosition && !chosen.has('customer') ? positionalCustomer(headers, columns, used) : null;
  if (customer) chosen.set('customer', customer);
  // No customer id, but the customer's name (QuickBooks' "Name"): the name is the customer's key.
  const named = chosen.get('customerName');
  if (!chosen.has('customer') && named) {
    chosen.delete('customerName');
    chosen.set('customer', { ...named, field: 'customer', reason: `the file has no customer id: the customer's name '${named.column}' is taken as its key` });
  }
  // A product known by its name alone is the product: without a category it is then the level
  // profiles learn from, as a product code is, where every sale had fallen into one category.
  const nameOnly = chosen.get('productName');
  if (nameOnly && !chosen.has('product') && !chosen.has('category')) {
    chosen.delete('productName');
    chosen.set('product', { ...nameOnly, field: 'product', reason: `the file has no product code or category: the product's name '${nameOnly.column}' is taken as the product` });
  }
  const finer = finerCategory(chosen.get('category'), byHeader, headers, columns, used);
  if (finer) chosen.set('category', finer);
  const repeated = chosen.get('revenue');
  const linePrice = chosen.get('unitPrice');
  if (repeated && linePrice && repeatsOrderTotal(chosen, headers, columns)) {
    // Summed per line it would count each order once per line: the lines' own money is taken instead.
    const note = `'${repeated.column}' repeats its order's total on every line of the order (by '${chosen.get('invoice')?.column}'), so summed per line it would count an order once per line`;
    chosen.delete('revenue');
    used.delete(repeated.column);
    if (chosen.has('quantity')) chosen.set('unitPrice', { ...linePrice, reason: `${linePrice.reason}; ${note}` });
    else {
      chosen.delete('unitPrice');
      chosen.set('revenue', { ...linePrice, field: 'revenue', reason: `${note}: '${linePrice.column}' is each line's amount instead` });
    }
  }
  const lineAmount = orderFigureOnFirstLine(chosen, headers, columns);
  if (lineAmount) {
    chosen.delete('revenue');
    used.delete(lineAmount.column);
    const price = chosen.get('unitPrice') as Candidate;
    chosen.set('unitPrice', { ...price, reason: `${price.reason}; '${lineAmount.column}' is filled on an order's first line only (an order's figure, blank on its other lines), so each line's price x quantity is its amount` });
  }
  const numbered = chosen.get('customerName');
  if (numbered && mostly(columns[headers.indexOf(numbered.column)] ?? [], (v) => /^#\s?\d+$/.test(v))) {
    // Shopify's "Name" is the order's number (#1001), not the customer's name.
    chosen.delete('customerName');
    if (!chosen.has('invoice')) chosen.set('invoice', { ...numbered, field: 'invoice', reason: `'${numbered.column}' holds order numbers (${(columns[headers.indexOf(numbered.column)] ?? []).find((v) => v.trim() !== '')?.trim()}), not names` });
  }
  const converted = convertedAmount(chosen, headers, columns, used);
  if (converted) {
    const was = chosen.get('revenue') as Candidate;
    used.delete(was.column);
    used.add(converted.column);
    chosen.set('revenue', converted);
  }
  const net = chosen.get('revenue');
  if (net) {
    const taxed = beforeTaxOver(net.column, headers, columns);
    if (taxed) chosen.set('revenue', { ...net, reason: `${net.reason}; the amount before tax, preferred to '${taxed}', which includes it` });
  }
  const counted = countedAmount(chosen, headers, columns);
  if (counted) {
    chosen.delete('revenue');
    chosen.delete('unitPrice');
    for (const c of counted) chosen.set(c.field, c);
  }
  const priced = lineAmountFromPrice(chosen, headers, columns, used);
  if (priced) {
    chosen.delete('unitPrice');
    chosen.set('revenue', priced);
  }
  const money = chosen.get('revenue');
  const besidePrice = revenueBesidePriceNote({ revenue: money?.column, unitPrice: chosen.get('unitPrice')?.column, quantity: chosen.get('quantity')?.column });
  if (money && besidePrice) chosen.set('revenue', { ...money, reason: `${money.reason}. ${besidePrice}` });
  return (Object.keys(SYNONYMS) as ImportField[]).map((field) => {
    const c = chosen.get(field);
    return c ? { field, column: c.column, confidence: Math.round(c.confidence * 100) / 100, reason: c.reason } : { field, column: null, confidence: 0, reason: 'no matching column' };
  });
}
