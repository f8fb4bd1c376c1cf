import { Command, type CommanderError } from 'commander';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs (or for `--help`), so `hospital runs`
 * does not pay for Ink, React and LangGraph at start-up.
 */
const commands: Record<string, () => Promise<Register>> = {
  run: async () => (await import('./commands/run.js')).registerRunCommand,
  runs: async () => (await import('./commands/runs.js')).registerRunsCommand,
  replay: async () => (await import('./commands/replay.js')).registerReplayCommand,
  demo: async () => (await import('./commands/demo.js')).registerDemoCommand,
  report: async () => (await import('./commands/report.js')).registerReportCommand,
  compare: async () => (await import('./commands/compare.js')).registerCompareCommand,
  bench: async () => (await import('./commands/bench.js')).registerBenchCommand,
  biases: async () => (await import('./commands/biases.js')).registerBiasesCommand,
  shift: async () => (await import('./commands/shift.js')).registerShiftCommand,
  export: async () => (await import('./commands/export.js')).registerExportCommand,
  scenarios: async () => (await import('./commands/scenarios.js')).registerScenariosCommand,
  train: async () => (await import('./commands/train.js')).registerTrainCommand,
  profiles: async () => (await import('./commands/profiles.js')).registerProfilesCommand,
  models: async () => (await import('./commands/models.js')).registerModelsCommand,
  judge: async () => (await import('./commands/judge.js')).registerJudgeCommand,
};

/** The CLI; with `argv`, only the command it names is loaded. */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('hospital')
    .description('Agent Hospital: a hospital run by agents — simulate, record, score and replay patient journeys')
    .version('0.1.0')
    .option('--debug', 'show stack traces on errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride((error: CommanderError) => {
      const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      process.exit(done ? 0 : 2);
    });
  const named = argv.slice(2).find((arg) => !arg.startsWith('-'));
  const wanted = named && named in commands ? [named] : Object.keys(commands);
  for (const name of wanted) (await commands[name]())(program);
  return program;
}
