import { exportGroups, resetGroups, saveGroups, viewGroups } from '../products/groups';
import type { DomainHandlers } from './types';

export const productHandlers = {
  'products-groups-view': (ctx) => viewGroups(ctx.session),
  'products-groups-save': (ctx, args) => saveGroups(ctx.session, args.groups, args.lines, ctx.now()),
  'products-groups-reset': (ctx) => resetGroups(ctx.session),
  'products-groups-export': (ctx, args) => exportGroups(ctx.session, args.out),
} satisfies DomainHandlers<'products'>;
