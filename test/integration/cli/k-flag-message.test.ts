import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/backend/dispatch';
import { runCommand, type CliResult } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/import/basic.csv');

let t: ReturnType<typeof tempDir>;
let backend: Backend;
const longtail = (...args: string[]): Promise<CliResult> => runCommand(args, backend, t.dir);

beforeAll(async () => {
  t = tempDir();
  backend = new Backend({ appDataDir: path.join(t.dir, 'app-data'), now: () => new Date('2026-01-15T09:00:00Z') });
  expect((await longtail('import', fixture, '-w', 'client.longtail')).code).toBe(0);
});
afterAll(() => {
  backend.close();
  t.cleanup();
});

describe('a --k that is no whole number', () => {
  it('names what --k takes, as every other flag names its range', async () => {
    const r = await longtail('analyze', '-w', 'client.longtail', '--k', '3.5');
    expect(r.code).toBe(1);
    expect(r.err).toBe('longtail analyze: --k 3.5 must be a whole number from 2 to 15, or auto. [INVALID_INPUT]');
    expect((await longtail('analyze', '-w', 'client.longtail', '--k', 'six')).err).toBe('longtail analyze: --k six must be a whole number from 2 to 15, or auto. [INVALID_INPUT]');
    expect(await backend.call('analysis-runs', {})).toEqual([]);
  });
});
