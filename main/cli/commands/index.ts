import type { Command } from '../command';
import { serveCommand } from './serve';
import { reportCommand } from './report';
import { benchmarkCommand } from './benchmark';

/** Every `longtail` command, in the order --help lists them. */
export const commands: Command[] = [serveCommand, reportCommand, benchmarkCommand];
