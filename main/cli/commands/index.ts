import type { Command } from '../command';
import { serveCommand } from './serve';

/** Every `longtail` command, in the order --help lists them. */
export const commands: Command[] = [serveCommand];
