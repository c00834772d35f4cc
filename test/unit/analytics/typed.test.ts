import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bigColumnsOf, columnsOf, float64Of, int32Of } from '../../../shared/analytics/typed';

describe('typed arrays filled by a function of the index', () => {
  it('hold what the typed arrays\' own from() with a map would, value for value', () => {
    const money = Float64Array.of(12.5, 0, -3.25, 1e9, Number.NaN, 0.1 + 0.2);
    const chance = Float64Array.of(0.5, 0.9, 0.1, 1 / 3, 0.2, 0.7);
    const weighted = float64Of(money.length, (u) => money[u] * chance[u]);
    expect(Array.from(weighted)).toEqual(Array.from(Float64Array.from(money, (m, u) => m * chance[u])));
    expect(Array.from(int32Of(5, (i) => i * i - 3))).toEqual([-3, -2, 1, 6, 13]);
    expect(Array.from(int32Of(4, (i) => (i % 2 === 0 ? 1 : 0)))).toEqual(Array.from(Int32Array.from([0, 1, 2, 3], (i) => (i % 2 === 0 ? 1 : 0))));
  });

  it('store each value as its type does: int32 truncates and wraps', () => {
    expect(Array.from(int32Of(2, (i) => i + 0.75))).toEqual([0, 1]);
    expect(Array.from(int32Of(2, (i) => 2 ** 31 - 1 + i))).toEqual([2 ** 31 - 1, -(2 ** 31)]);
  });

  it('make an empty array for no length', () => {
    expect(float64Of(0, () => 1).length).toBe(0);
  });
});

describe('columns that share one buffer', () => {
  it('are zeroed, each of its own type and length, and never overlap whatever order their widths come in', () => {
    const cols = columnsOf(5, { count: Int32Array, money: Float64Array, mask: Uint16Array, median: Float32Array, days: Int16Array, flag: Uint8Array });
    expect(cols.money).toBeInstanceOf(Float64Array);
    expect(cols.mask).toBeInstanceOf(Uint16Array);
    for (const column of Object.values(cols)) {
      expect(column.length).toBe(5);
      expect(Array.from(column)).toEqual([0, 0, 0, 0, 0]);
    }
    // Written through every column at once, each reads back only its own values.
    Object.values(cols).forEach((column, k) => column.fill(k + 1));
    Object.values(cols).forEach((column, k) => expect(Array.from(column)).toEqual([k + 1, k + 1, k + 1, k + 1, k + 1]));
    const buffers = new Set(Object.values(cols).map((column) => column.buffer));
    expect(buffers.size).toBe(1);
    // 8 + 4 + 4 + 2 + 2 + 1 bytes a row, nothing more.
    expect(cols.count.buffer.byteLength).toBe(5 * 21);
  });

  it('are separate arrays, zeroed and of their types, when one buffer is not asked for', () => {
    const cols = columnsOf(3, { money: Float64Array, count: Int32Array }, false);
    expect(cols.money.buffer).not.toBe(cols.count.buffer);
    expect(Array.from(cols.money)).toEqual([0, 0, 0]);
    expect(cols.count).toBeInstanceOf(Int32Array);
  });

  it('share one buffer once together they reach 32 MB, which the C library maps on its own, and stay separate below', () => {
    // 12 bytes a row: 32 MB is 2,796,203 rows (rounded up).
    const rowsAt32Mb = Math.ceil((32 * 2 ** 20) / 12);
    const below = bigColumnsOf(rowsAt32Mb - 1, { money: Float64Array, count: Int32Array });
    expect(below.money.buffer).not.toBe(below.count.buffer);
    const at = bigColumnsOf(rowsAt32Mb, { money: Float64Array, count: Int32Array });
    expect(at.money.buffer).toBe(at.count.buffer);
    expect(at.money.buffer.byteLength).toBe(12 * rowsAt32Mb);
    expect([at.money.length, at.count.length]).toEqual([rowsAt32Mb, rowsAt32Mb]);
  });

  it('hold no rows for no length', () => {
    const cols = columnsOf(0, { a: Float64Array, b: Int32Array });
    expect(cols.a.length + cols.b.length).toBe(0);
  });

  it('come as an object V8 keeps in fast mode even at two dozen columns, so a column is a field, not a hash lookup', () => {
    // Only a node started with V8's natives syntax can ask; the recovery rules' model has 26 columns.
    const typed = path.resolve(__dirname, '../../../shared/analytics/typed.ts');
    // Written as an object literal, as the model's is: keys added one by one to a fresh object that
    // another object's keys had already walked, V8 would follow that object's shape and stay fast.
    const literal = `{ ${Array.from({ length: 26 }, (_, i) => `column${i}: ${i % 2 ? 'Float64Array' : 'Int32Array'}`).join(', ')} }`;
    const script = `
      import { columnsOf } from ${JSON.stringify(typed)};
      const spec = ${literal};
      console.log(JSON.stringify([%HasFastProperties(columnsOf(4, spec, true)), %HasFastProperties(columnsOf(4, spec, false))]));`;
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out.trim())).toEqual([true, true]);
  });
});
