import { describe, expect, it } from 'vitest';
import { handlerNames } from '../../../shared/contract';
import { implementedHandlers } from '../../../main/backend/dispatch';

const handlers = implementedHandlers();

describe('the handler table', () => {
  it('implements every contract entry, and nothing the contract does not declare', () => {
    expect(Object.keys(handlers).sort()).toEqual([...handlerNames].sort());
  });

  it('holds a function for every handler name', () => {
    for (const name of handlerNames) expect(typeof handlers[name]).toBe('function');
  });
});
