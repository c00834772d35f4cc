import { countsPurchases, type ImportCurrency } from '../../../shared/contract/import';
import type { CurrencySource } from '../../../shared/contract/workspace';
import { AppError } from '../../../shared/contract/errors';
import { currencyColumnOf, currencyInHeader, guessCurrency, namesCurrency, otherCurrencyIn, PURCHASE_UNITS, type CurrencyGuess } from '../../../shared/format/currency';
import { getMeta, setMeta } from '../db/meta';
import type { Db } from '../db/open';
import type { ImportPlan } from './plan';
import { isDatedShape } from './stored-shape';

/** The user's locale as the operating system states it (LC_ALL, LC_MONETARY, LANG), else Node's ICU default. */
export function systemLocale(): string {
  const env = process.env.LC_ALL || process.env.LC_MONETARY || process.env.LANG;
  const fromEnv = env?.match(/^([a-z]{2,3})[_-]([A-Z]{2})/);
  return fromEnv ? `${fromEnv[1]}-${fromEnv[2]}` : Intl.DateTimeFormat().resolvedOptions().locale;
}

export function guessPlanCurrency(plan: ImportPlan): CurrencyGuess {
  if (countsPurchases(plan.shape, plan.mapping)) return { code: PURCHASE_UNITS, source: 'data', reason: 'the file has no money column: each row counts as one purchase, and amounts are purchase counts' };
  const amountColumns = [plan.mapping.revenue, plan.mapping.unitPrice, ...plan.categoryColumns].filter((c): c is string => Boolean(c));
  const formats = plan.numberFormats;
  return guessCurrency({
    headers: plan.headers,
    rows: plan.dataSample,
    amountColumns,
    locale: systemLocale(),
    ...(formats ? { formats: Object.fromEntries(amountColumns.map((h) => [h, formats[plan.headers.indexOf(h)] ?? []])) } : {}),
  });
}

/** How a workspace's currency was chosen. Workspaces made before this was recorded count as chosen by the user. */
export const currencySourceOf = (db: Db): CurrencySource => (getMeta(db, 'currency_source') as CurrencySource | null) ?? 'user';

export function setWorkspaceCurrency(db: Db, code: string, source: CurrencySource): void {
  setMeta(db, 'currency', code);
  setMeta(db, 'currency_source', source);
}

/** Whether the workspace holds amounts: its currency then labels them, and relabelling it changes what they read as. */
export const holdsAmounts = (db: Db): boolean => db.prepare('SELECT 1 FROM transactions LIMIT 1').get() !== undefined;

/**
 * What an import does to the workspace currency: one given with the import wins; one the user chose
 * stays; one read from earlier files stays once the workspace holds their amounts (a file that says
 * another is refused before, by otherCurrencyRefusal); otherwise what the file shows replaces a
 * guess from the locale, saying so when amounts stored under the guess now read in the new
 * currency. Returns the decision and, when the file disagrees with a currency that stays or the
 * currency changes under stored amounts, a note for the import's warnings. A null guess (a product
 * master has no amounts) never changes the currency. `held`: whether the workspace held amounts
 * before this import (its own rows are stored by the time the import decides).
 */
export function decideImportCurrency(
  db: Db,
  given: string | undefined,
  guess: CurrencyGuess | null,
  held = holdsAmounts(db),
): { decision: ImportCurrency; store: CurrencySource | null; warning: string | null } {
  const current = getMeta(db, 'currency') ?? 'USD';
  // Counts are no currency, whatever was given: refuseMixedUnits keeps them out of a workspace of money.
  if (guess?.code === PURCHASE_UNITS) {
    const warning = given ? `--currency ${given} was not applied: the file has no money column, so its amounts are purchase counts.` : null;
    return { decision: { code: PURCHASE_UNITS, source: 'data', reason: guess.reason }, store: 'data', warning };
  }
  if (given) return { decision: { code: given, source: 'given', reason: 'given with the import' }, store: 'user', warning: null };
  const source = currencySourceOf(db);
  // The import refuses such a file before reading it (otherCurrencyRefusal): the preview stays on the workspace's currency.
  const heldInData = source === 'data' && held && current !== PURCHASE_UNITS && guess?.source === 'data' && guess.code !== current;
  if (!guess || source === 'user' || (source === 'data' && guess.source !== 'data') || heldInData) {
    const warning =
      guess?.source === 'data' && guess.code !== current && !heldInData
        ? `The file looks like ${guess.code} (${guess.reason}), but this workspace is set to ${current}. Change it on the Workspaces screen, or import with --currency ${guess.code}.`
        : null;
    return { decision: { code: current, source: 'workspace', reason: source === 'data' ? 'read from an earlier import' : 'set for this workspace' }, store: null, warning };
  }
  const relabelled = held && guess.source === 'data' && guess.code !== current && current !== PURCHASE_UNITS;
  const warning = relabelled
    ? `The workspace currency is now ${guess.code}, as this file shows (${guess.reason}); it was ${current}, only guessed (${source === 'locale' ? "this computer's region" : 'nothing to go on'}) for the files imported before, whose amounts now read as ${guess.code} too. If those were in ${current}, set ${current} on the Workspaces screen, remove this import and import it into a workspace of its own.`
    : null;
  return { decision: { code: guess.code, source: guess.source, reason: guess.reason }, store: guess.source, warning };
}

/**
 * Why a file is refused for its currency, or null: the workspace holds amounts in a currency read
 * from its earlier files, and this file's data says another. Refused rather than kept with a
 * warning, as a currency the user set is: nobody has said which file is right, and either way a
 * sum would be wrong (the new amounts added to the old as if one currency, or the old relabelled
 * in the new one, as EUR after a GBP file had been), while a refused import changes nothing and
 * the analyst picks the way out. Until then both stores of money stay apart and right.
 */
export function otherCurrencyRefusal(db: Db, given: string | undefined, guess: CurrencyGuess | null, name: string): string | null {
  if (given || !guess || guess.source !== 'data' || guess.code === PURCHASE_UNITS) return null;
  const current = getMeta(db, 'currency');
  if (!current || current === PURCHASE_UNITS || guess.code === current || currencySourceOf(db) !== 'data' || !holdsAmounts(db)) return null;
  return `${name} is in ${guess.code} (${guess.reason}), but this workspace holds amounts in ${current}, read from the files imported before: summed with them, or relabelling them as ${guess.code}, its amounts would be wrong. Nothing was imported. Import ${name} into a workspace of its own, or, if its amounts are in ${current} after all, import it with --currency ${current}.`;
}

/**
 * A workspace holds money or purchase counts, never both: a sum over the two would mean nothing.
 * Refuses a purchase log (no money column) into a workspace with money, and the reverse.
 */
export function refuseMixedUnits(db: Db, plan: ImportPlan, name: string): void {
  if (plan.shape === 'product-master') return;
  if (!holdsAmounts(db)) return;
  const holdsCounts = getMeta(db, 'currency') === PURCHASE_UNITS;
  const counts = countsPurchases(plan.shape, plan.mapping);
  if (holdsCounts === counts) return;
  const cols = `Columns: ${plan.headers.join(', ')}.`;
  throw new AppError(
    'IMPORT_MAPPING_INCOMPLETE',
    counts
      ? `${name} has no revenue or unit price column, so each row would count as one purchase, but this workspace holds money amounts. Map its money with --map revenue=<column>, or import it into a workspace of its own. ${cols}`
      : `This workspace holds purchase counts (its files had no money column), and ${name} has amounts. Import it into a workspace of its own, or count its rows as purchases too with --map revenue= --map unitPrice=. ${cols}`,
    { headers: plan.headers, mapping: plan.mapping },
  );
}

/** How many rows another currency cost, by currency, said once beside the rejected rows' list. */
export function otherCurrencyWarning(db: Db, importId: number, rows: NonNullable<ImportPlan['currencyRows']>, read: number): string | null {
  const counts = new Map<string, number>();
  const rejected = db.prepare('SELECT raw_value AS value, count(*) AS n FROM rejects WHERE import_id = ? AND column_name = ? GROUP BY raw_value').all(importId, rows.column) as { value: string; n: number }[];
  for (const { value, n } of rejected) {
    const other = otherCurrencyIn(value ?? '', rows.code);
    if (other) counts.set(other, (counts.get(other) ?? 0) + n);
  }
  if (counts.size === 0) return null;
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((sum, [, n]) => sum + n, 0);
  const each = ranked.map(([code, n]) => `${n.toLocaleString('en-US')} in ${code}`).join(', ');
  const first = ranked[0][0];
  return `${total.toLocaleString('en-US')} of ${read.toLocaleString('en-US')} rows were rejected for their currency (${each}): this import is in ${rows.code}, and amounts in two currencies cannot be summed. Convert them to ${rows.code} and import them again, or import the same file into another workspace with --currency ${first} to keep its ${first} rows there.`;
}

/**
 * The file's currency column and the currency its rows are kept in, when the file has such a
 * column: the currency the import settles on (given with it, or the workspace's) where the column
 * names it, else the one most of the column names. Rows in another are rejected (a file of EUR and
 * USD rows had been summed as EUR). A file wholly in another currency than a workspace set by the
 * user keeps its rows, with the warning decideImportCurrency gives.
 */
export function currencyRowsOf(db: Db, given: string | undefined, plan: ImportPlan): ImportPlan['currencyRows'] {
  if (!isDatedShape(plan.shape) || countsPurchases(plan.shape, plan.mapping)) return undefined;
  const column = currencyColumnOf(plan.headers);
  if (!column) return undefined;
  // Amounts whose header names their currency ('Amount (EUR)') are in it whatever the row's currency column says of its original.
  const money = plan.mapping.revenue ?? plan.mapping.unitPrice;
  if (money && currencyInHeader(money)) return undefined;
  if (given) return { column, code: given };
  const at = plan.headers.indexOf(column);
  const cells = plan.dataSample.map((row) => row[at] ?? '');
  const settled = decideImportCurrency(db, undefined, guessPlanCurrency(plan)).decision.code;
  if (cells.some((cell) => namesCurrency(cell, settled))) return { column, code: settled };
  // The column alone decides: a country column beside it says nothing about a row's currency.
  const said = guessCurrency({ headers: [column], rows: cells.map((cell) => [cell]), amountColumns: [] });
  return said.source === 'data' ? { column, code: said.code } : undefined;
}
