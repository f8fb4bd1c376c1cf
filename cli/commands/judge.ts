import type { Command } from 'commander';
import { exitCodes } from '../../domain/errors.js';
import { formatJudgeCheck } from '../../evaluation/judge-check.js';
import { judgeCheckFromOptions, judgeOptionHelp, type JudgeCheckOptions } from '../../evaluation/judge-setup.js';
import { integerOption, numberOption } from '../options.js';

interface JudgeCheckFlags extends JudgeCheckOptions {
  json?: boolean;
  minKappa?: number;
}

/** `hospital judge check`: how far a judge model agrees with hand labels, before its verdicts are trusted. */
export function registerJudgeCommand(program: Command): void {
  const judge = program.command('judge').description('validate an LLM judge before trusting (or paying for) its verdicts');
  judge
    .command('check')
    .description(
      'run a judge model over the hand-labelled reference set and report its agreement with the labels (accuracy, Cohen’s κ, confusion table), beside the deterministic matcher’s',
    )
    .requiredOption('--judge <model-spec>', 'the judge model (ollama:<model> or openai:<url>#<model>)')
    .option('--set <file>', 'a labelled set in the same JSONL format (default: the one shipped, evaluation/data/judge-reference.jsonl)')
    .option('--json', 'print the full result as JSON')
    .option('--concurrency <n>', 'questions in flight at once', integerOption('--concurrency', { min: 1, max: 64 }), 4)
    .option('--min-kappa <k>', 'exit 1 when the judge’s 3-class κ is below k (for scripts)', numberOption('--min-kappa', { min: -1 }))
    .option('--ollama-host <hosts>', judgeOptionHelp.ollamaHost)
    .option('--model-timeout <seconds>', judgeOptionHelp.modelTimeout)
    .action(async (flags: JudgeCheckFlags) => {
      const tty = process.stderr.isTTY;
      const report = await judgeCheckFromOptions({
        ...flags,
        onProgress: (done, total) => {
          if (tty) process.stderr.write(`\rJudging ${done} of ${total}`);
        },
      });
      if (tty) process.stderr.write('\n');
      process.stdout.write(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatJudgeCheck(report));
      if (flags.minKappa !== undefined && !(report.judge.kappa.value >= flags.minKappa)) {
        process.stderr.write(`Judge κ ${report.judge.kappa.value.toFixed(3)} is below --min-kappa ${flags.minKappa}.\n`);
        process.exitCode = exitCodes.failure;
      }
    });
}
