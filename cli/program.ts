import { Command, type CommanderError } from 'commander';
import '../scenarios/agentclinic.js';
import { registerBenchCommand } from './commands/bench.js';
import { registerBiasesCommand } from './commands/biases.js';
import { registerCompareCommand } from './commands/compare.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerExportCommand } from './commands/export.js';
import { registerModelsCommand } from './commands/models.js';
import { registerReportCommand } from './commands/report.js';
import { registerRunCommand } from './commands/run.js';
import { registerReplayCommand } from './commands/replay.js';
import { registerRunsCommand } from './commands/runs.js';
import { registerScenariosCommand } from './commands/scenarios.js';
import { registerShiftCommand } from './commands/shift.js';
import { registerTrainCommand } from './commands/train.js';
import { registerProfilesCommand } from './commands/profiles.js';

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
  registerReplayCommand(program);
  registerDemoCommand(program);
  registerReportCommand(program);
  registerCompareCommand(program);
  registerBenchCommand(program);
  registerBiasesCommand(program);
  registerExportCommand(program);
  registerScenariosCommand(program);
  registerShiftCommand(program);
  registerTrainCommand(program);
  registerProfilesCommand(program);
  registerModelsCommand(program);
  return program;
}
