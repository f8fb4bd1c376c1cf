import type { Command } from 'commander';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { RunStore } from '../../environment/records/run-store.js';
import { htmlJourneyLimit, renderHtmlReport } from '../../evaluation/report-html.js';
import { chooseFormat, renderReport } from '../../evaluation/report-formats.js';
import { journeyTable } from '../../evaluation/report-queries.js';
import { appendSections, reportSections } from '../../evaluation/report-sections.js';
import { buildRunReport } from '../../evaluation/run-report.js';
import { emit } from '../options.js';
import { judgeOptionHelp, judgeRunFromOptions, type JudgeOptions } from '../../evaluation/judge-setup.js';

interface ReportFlags extends JudgeOptions {
  format?: string;
  output?: string;
  db: string;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'report a run: accuracy with 95 % intervals, explanation quality, triage, efficiency, compliance, by department and scenario',
    )
    .argument('[run]', 'run id, name or "latest"', 'latest')
    .option('--format <format>', 'text, json, csv, md or html (default: from the -o extension, else text)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--db <file>', 'records file', defaultDbPath())
    .option('--judge <model-spec>', judgeOptionHelp.judge)
    .option('--rubric', judgeOptionHelp.rubric)
    .option('--ollama-host <hosts>', judgeOptionHelp.ollamaHost)
    .option('--model-timeout <seconds>', judgeOptionHelp.modelTimeout)
    .action(async (ref: string, flags: ReportFlags) => {
      const format = chooseFormat(flags.format, flags.output);
      // Judging writes its scores to the records, so only then is the file opened for writing.
      const store = new RunStore(openDatabase(flags.db, { readonly: !flags.judge }));
      try {
        const run = store.resolveRun(ref);
        if (flags.judge) await judgeRunFromOptions(store, run, flags);
        const report = buildRunReport(store, run);
        const text =
          format === 'html' ? renderHtmlReport(report, journeyTable(store.db, run.id, htmlJourneyLimit)) : renderReport(report, format);
        emit(appendSections(text, format, reportSections(store, run)), flags.output);
      } finally {
        store.db.close();
      }
    });
}
