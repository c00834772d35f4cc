import type { z } from 'zod';

/**
 * One entry of the contract: a kebab-case noun-verb name, the zod schema that guards its door,
 * and (as a type only) what it returns. Every door derives its types from these entries, so no
 * caller ever spells a channel string itself.
 */
export type HandlerSpec<N extends string, I extends z.ZodType, O> = {
  readonly name: N;
  readonly input: I;
  /** Long jobs report progress and honour cancel. */
  readonly longRunning: boolean;
  /** Phantom: carries the result type, never set at run time. */
  readonly __output?: O;
};

export const handlerSpec =
  <O>() =>
  <N extends string, I extends z.ZodType>(
    name: N,
    input: I,
    options: { longRunning?: boolean } = {},
  ): HandlerSpec<N, I, O> => ({ name, input, longRunning: options.longRunning ?? false });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table of specs of any shape
export type AnySpec = HandlerSpec<string, z.ZodType, any>;

/** Builds the name -> spec table and refuses a name declared twice. */
export function specTable<const G extends readonly (readonly AnySpec[])[]>(
  ...groups: G
): { [K in G[number][number] as K['name']]: K } {
  const table: Record<string, AnySpec> = {};
  for (const group of groups) {
    for (const spec of group) {
      if (!/^[a-z]+(-[a-z]+)+$/.test(spec.name)) {
        throw new Error(`Handler name "${spec.name}" must be kebab-case noun-verb`);
      }
      if (table[spec.name]) throw new Error(`Handler "${spec.name}" is declared twice`);
      table[spec.name] = spec;
    }
  }
  return table as { [K in G[number][number] as K['name']]: K };
}
