import type { HandlerArgs, HandlerName, HandlerResult } from '../../../shared/contract';
import type { HandlerContext } from '../context';

export type HandlerImpl<N extends HandlerName> = (
  ctx: HandlerContext,
  args: HandlerArgs<N>,
) => Promise<HandlerResult<N>> | HandlerResult<N>;

export type HandlerTable = { [N in HandlerName]: HandlerImpl<N> };

/** The handlers of one domain: every contract name that starts with `${prefix}-`. */
export type DomainHandlers<P extends string> = {
  [N in HandlerName as N extends `${P}-${string}` ? N : never]: HandlerImpl<N>;
};
