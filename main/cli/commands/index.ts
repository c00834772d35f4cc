import type { Command } from '../command';

/** Every `longtail` command, in the order --help lists them. */
export const commands: Command[] = [];
