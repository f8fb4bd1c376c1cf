import { Command, CommanderError } from 'commander';
import { registerExportCommand } from './commands/export.js';
import { registerReportCommand } from './commands/report.js';
import { registerRunCommand } from './commands/run.js';
import { registerRunsCommand } from './commands/runs.js';
import { registerScenariosCommand } from './commands/scenarios.js';

export function buildProgram(): Command {
  const program = new Command('hospital')
    .description('Agent Hospital: a hospital run by agents — simulate, record, score and replay patient journeys')
    .version('0.1.0')
    .option('--debug', 'show stack traces on errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride((error: CommanderError) => {
      const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      process.exit(done ? 0 : 2);
    });
  registerRunCommand(program);
  registerRunsCommand(program);
  registerReportCommand(program);
  registerExportCommand(program);
  registerScenariosCommand(program);
  return program;
}
