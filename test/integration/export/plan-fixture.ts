import { assignmentSettingsSchema } from '../../../shared/contract/assignment';
import type { Action } from '../../../shared/model/results';
import { createPlan } from '../../../main/backend/assignment/store';
import { newWorkspace } from '../../helpers/workspace';

/** Names a spreadsheet must keep as text: formulas, signs, other scripts. */
export const HOSTILE_NAMES = ['=HYPERLINK("http://x")', '+1', '@SUM(A1)', 'شركة الأمل', 'Crème Brûlée SARL', '-2+3', '\tTabbed'];

export const action = (
  code: string,
  name: string,
  kind: Action['kind'],
  category: string,
  expectedRevenue: number,
  extra: Partial<Action> = {},
): Action => ({
  id: `${kind}:${code}:${category}`,
  kind,
  customerCode: code,
  customerName: name,
  category,
  expectedRevenue,
  priority: Math.min(100, expectedRevenue / 100),
  reason: `${kind} reason for ${name} in ${category}`,
  facts: {},
  tier: 'long-tail',
  profile: 1,
  rep: 'Rita Field',
  territory: 'West',
  ...extra,
});

/** Hand-made actions: hostile customer names, a strategic account, one account with no rep anywhere near. */
export function sampleActions(): Action[] {
  const actions: Action[] = [];
  HOSTILE_NAMES.forEach((name, i) => {
    actions.push(action(`H${i}`, name, 'recovery', 'Dairy', 4000 - i * 100));
    actions.push(action(`H${i}`, name, 'growth', 'Seafood', 1100));
  });
  actions.push(action('S1', 'Big Strategic Co', 'recovery', 'Meat', 9000, { tier: 'strategic', rep: 'Ann Key' }));
  for (let i = 0; i < 8; i++) actions.push(action(`E${i}`, `East shop ${i}`, 'growth', 'Produce', 500 + i, { territory: 'East', rep: null }));
  actions.push(action('N1', 'Northern Outpost', 'recovery', 'Dairy', 700, { territory: 'North', rep: null }));
  return actions;
}

export const sampleRoster = [
  { name: 'Ann Key', kind: 'outside' as const, territory: 'West', capacity: 20 },
  { name: 'Rita Field', kind: 'outside' as const, territory: 'West', capacity: 4 },
  { name: 'Ines In', kind: 'inside' as const, territory: 'East', capacity: 5 },
  { name: '=Evil/Rep:Name*With[Too]Many?Characters', kind: 'outside' as const, territory: 'East', capacity: 3 },
];

/** A workspace with the sample roster and one stored plan over the sample actions. */
export async function workspaceWithPlan(currency = 'USD') {
  const w = await newWorkspace({ currency, clientName: 'Export Test' });
  await w.backend.call('roster-save', { reps: sampleRoster });
  const db = w.backend.session.db;
  const actions = sampleActions();
  const planId = createPlan(
    db,
    { runId: 1, asOf: '2025-06-30', currency, actions, revenue12mByTerritory: new Map([['West', 100_000], ['East', 50_000]]), recoveryHorizonDays: 365, revenueWindowDays: 365 },
    assignmentSettingsSchema.parse({ minOutsideValue: 505 }),
    new Date('2026-01-15T09:00:00Z'),
  );
  return { ...w, planId, actions };
}
