import type { Command } from '../command';
import { importCommand } from './import';
import { serveCommand } from './serve';
import { reportCommand } from './report';
import { benchmarkCommand } from './benchmark';
import { exportCommand } from './export';

/** Every `longtail` command, in the order --help lists them. */
export const commands: Command[] = [importCommand, serveCommand, reportCommand, benchmarkCommand, exportCommand];
