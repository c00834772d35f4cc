import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { OTHER_GROUP, proposeGroupsFromDescriptions, type ProductInfo } from '../../../shared/analytics/products/description-groups';

const FIXTURE = path.join(__dirname, '../../fixtures/products/hardware-descriptions.csv');

function hardware(): ProductInfo[] {
  const rows = Papa.parse<{ code: string; description: string; revenue: string }>(fs.readFileSync(FIXTURE, 'utf8'), { header: true, skipEmptyLines: true }).data;
  return rows.map((r) => ({ code: r.code, name: r.description, revenue: Number(r.revenue) }));
}

const groupNames = (products: readonly ProductInfo[]) => proposeGroupsFromDescriptions(products).groups.map((g) => g.name);

describe('product groups proposed from messy descriptions', () => {
  it('names groups by product type, not by the material several types are made in', () => {
    const names = groupNames(hardware());
    expect(names).toEqual(expect.arrayContaining(['Hinge', 'Handle', 'Bracket', 'Screw', 'Hook']));
    for (const material of ['Brass', 'Steel', 'Chrome', 'Oak']) expect(names).not.toContain(material);
  });

  it('puts every hinge, whatever its material, spelling or plural, in the hinge group', () => {
    const { groupOf } = proposeGroupsFromDescriptions(hardware());
    for (const code of ['H01', 'H02', 'H03', 'H04', 'H05']) expect(groupOf.get(code), code).toBe('Hinge');
    for (const code of ['S01', 'S02', 'S03', 'S04']) expect(groupOf.get(code), code).toBe('Screw');
  });

  it('calls a group held together only by a modifier a range, and leaves a lone oddity in Other products', () => {
    const { groupOf } = proposeGroupsFromDescriptions(hardware());
    for (const code of ['R01', 'R02', 'R03', 'R04']) expect(groupOf.get(code), code).toBe('Regency range');
    expect(groupOf.get('X01')).toBe(OTHER_GROUP);
  });

  it('finds the same product types in a catalogue that writes the type first', () => {
    const typeFirst = hardware().map((p) => ({ ...p, name: p.name.split(/\s+/).reverse().join(' ') }));
    const names = groupNames(typeFirst);
    expect(names).toEqual(expect.arrayContaining(['Hinge', 'Handle', 'Bracket', 'Screw', 'Hook']));
    for (const material of ['Brass', 'Steel', 'Chrome', 'Oak']) expect(names).not.toContain(material);
  });

  it('gives the same groups whatever order the products arrive in', () => {
    const products = hardware();
    const forward = proposeGroupsFromDescriptions(products).groupOf;
    const backward = proposeGroupsFromDescriptions([...products].reverse()).groupOf;
    expect(new Map([...backward].sort())).toEqual(new Map([...forward].sort()));
  });
});
