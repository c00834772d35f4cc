import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, handlerNames } from '../../../shared/contract';
import { handlerSpec, specTable } from '../../../shared/contract/define';

describe('the contract', () => {
  it('names every handler in kebab-case noun-verb form', () => {
    for (const name of handlerNames) expect(name).toMatch(/^[a-z]+(-[a-z]+)+$/);
  });

  it('refuses a handler name declared twice', () => {
    const a = handlerSpec<number>()('thing-get', z.object({}));
    expect(() => specTable([a], [a])).toThrow(/declared twice/);
  });

  it('gives every entry a zod input schema that accepts its defaults', () => {
    expect(contract['workspace-info'].input.parse({})).toEqual({});
    expect(contract['analysis-run'].input.parse({}).settings.recovery.lateness).toBeGreaterThan(1);
  });
});
