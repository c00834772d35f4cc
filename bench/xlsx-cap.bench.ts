/**
 * What the unpacked-size cap on workbooks saves: a seeded .xlsx that is small on disk but unpacks to
 * about 450 MB is previewed with the cap lifted (SheetJS inflates and parses it, as every workbook was
 * read before the cap) and with the default cap (refused from the zip's directory before inflating).
 * Each case runs in its own child process so its peak RSS (maxRSS) is its own; the reference is the
 * peak of a process that only loads the backend, measured in the same run.
 *
 *   node --import tsx bench/xlsx-cap.bench.ts [--rows 800000]
 * writes bench/results/xlsx-cap.md; the generated workbook stays in bench/data/ (git-ignored).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_UNPACKED_MB } from '../shared/contract/import';
import { generateDistributor } from '../shared/sample';
import { Backend } from '../main/backend/dispatch';
import { zipEntries } from '../main/backend/export/zip';
import { zipUnpackedSize } from '../main/backend/import/zip-size';
import { runMeasuredChild } from './child';
import { customersForRows, SAMPLE_HEADER } from './generate';

const self = fileURLToPath(import.meta.url);
const benchDir = path.dirname(self);
const dataDir = path.join(benchDir, 'data');
const BASE = { seed: 20261128, endDate: '2026-10-31', months: 24, categories: 15 };

type Measure = { ms: number; maxRssMb: number; outcome: string };

/** Child mode: one case, printed as JSON on the last stdout line. */
async function child(kind: string, file: string, dir: string): Promise<void> {
  const started = performance.now();
  const backend = new Backend({ appDataDir: dir });
  let outcome = 'loaded';
  if (kind !== 'fixed') {
    try {
      const p = await backend.call('import-preview', { path: file, ...(kind === 'uncapped' ? { maxUnpackedMb: 1e6 } : {}) });
      outcome = `previewed (${p.headers.length} columns)`;
    } catch (e) {
      outcome = `refused: ${(e as { code?: string }).code ?? String(e)}`;
    }
  }
  backend.close();
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024, outcome })}\n`);
}

const runChild = (kind: string, file: string): Measure => runMeasuredChild<Measure>(self, kind, file);

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (i: number): string => String.fromCharCode(65 + i);

/** The seeded distributor's sales as one sheet of inline strings, zipped by the export's own writer to keep the generator lean. */
function ensureWorkbook(rows: number): string {
  const file = path.join(dataDir, `xlsx-cap-${rows}.xlsx`);
  if (fs.existsSync(file)) return file;
  const parts: Buffer[] = [Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')];
  const cell = (r: number, c: number, v: string | number): string =>
    typeof v === 'number' ? `<c r="${column(c)}${r}"><v>${v}</v></c>` : `<c r="${column(c)}${r}" t="inlineStr"><is><t>${xml(v)}</t></is></c>`;
  const row = (r: number, values: (string | number)[]): string => `<row r="${r}">${values.map((v, c) => cell(r, c, v)).join('')}</row>`;
  parts.push(Buffer.from(row(1, SAMPLE_HEADER)));
  let n = 0;
  let batch: string[] = [];
  for (const s of generateDistributor({ ...BASE, customers: customersForRows(rows, BASE) }).rows()) {
    if (n >= rows) break;
    n++;
    batch.push(row(n + 1, [s.invoice, s.date, s.customerId, s.customerName, s.category, s.product, s.quantity, s.unitPrice, s.revenue, s.rep, s.territory, s.segment]));
    if (batch.length === 10000) {
      parts.push(Buffer.from(batch.join('')));
      batch = [];
    }
  }
  parts.push(Buffer.from(`${batch.join('')}</sheetData></worksheet>`));
  const text = (s: string): Buffer => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
  const workbook = zipEntries([
    {
      name: '[Content_Types].xml',
      data: text(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    { name: '_rels/.rels', data: text('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    {
      name: 'xl/workbook.xml',
      data: text('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: text('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat(parts) },
  ]);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, workbook);
  return file;
}

const mb = (v: number): string => `${Math.round(v).toLocaleString('en-US')} MB`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { child: { type: 'string' }, file: { type: 'string' }, dir: { type: 'string' }, rows: { type: 'string', default: '800000' } } });
  if (values.child) return child(values.child, values.file ?? '', values.dir ?? os.tmpdir());
  const rows = Number(values.rows);
  const file = ensureWorkbook(rows);
  const size = fs.statSync(file).size;
  const unpacked = zipUnpackedSize(fs.readFileSync(file)) ?? Number.NaN;
  // The cheap cases around the expensive one, so a busy neighbour weighs on all alike.
  const fixed = runChild('fixed', file);
  const capped = runChild('capped', file);
  const uncapped = runChild('uncapped', file);
  const fixedAgain = runChild('fixed', file);
  const reference = Math.min(fixed.maxRssMb, fixedAgain.maxRssMb);
  const lines = [
    '## Workbook unpacked-size cap (bench/xlsx-cap.bench.ts)',
    '',
    `A seeded ${rows.toLocaleString('en-US')}-row .xlsx of ${mb(size / 2 ** 20)} that unpacks to ${mb(unpacked / 2 ** 20)}, previewed in a fresh process each; reference: the peak RSS of a process that only loads the backend (${mb(reference)}), measured in the same run. Default cap ${DEFAULT_MAX_UNPACKED_MB} MB unpacked. Peak RSS is the figure; wall times depend on how busy the machine is.`,
    '',
    '| case | outcome | wall time | peak RSS | ratio to the reference | growth over the reference |',
    '|---|---|---|---|---|---|',
    `| backend loaded only (reference) | ${fixed.outcome} | n/a | ${mb(reference)} | 1.00 | 0 MB |`,
    `| before: cap lifted, SheetJS inflates and parses it | ${uncapped.outcome} | ${Math.round(uncapped.ms)} ms | ${mb(uncapped.maxRssMb)} | ${(uncapped.maxRssMb / reference).toFixed(2)} | ${mb(uncapped.maxRssMb - reference)} (${((uncapped.maxRssMb - reference) / (unpacked / 2 ** 20)).toFixed(1)}x the unpacked size) |`,
    `| after: default cap, refused from the zip directory | ${capped.outcome} | ${Math.round(capped.ms)} ms | ${mb(capped.maxRssMb)} | ${(capped.maxRssMb / reference).toFixed(2)} | ${mb(capped.maxRssMb - reference)} |`,
    '',
  ];
  const out = path.join(benchDir, 'results', 'xlsx-cap.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

await main();
