import type { Command } from '../command';
import { importCommand } from './import';
import { serveCommand } from './serve';
import { reportCommand } from './report';
import { benchmarkCommand } from './benchmark';
import { exportCommand } from './export';
import { analyzeCommand } from './analyze';
import { runCommand } from './run';
import { sqlCommand } from './sql';

/** Every `longtail` command, in the order --help lists them. */
export const commands: Command[] = [importCommand, analyzeCommand, runCommand, serveCommand, reportCommand, benchmarkCommand, exportCommand, sqlCommand];
