import type { Command } from 'commander';
import { exitCodes } from '../../domain/errors.js';
import { resolveOllamaHosts } from '../../agents/models/hosts.js';
import { formatProbeReport, ollamaDownLine, probeOllamaHosts } from '../../agents/models/probe.js';

export interface ModelsCommandOptions {
  ollamaHost?: string;
  json?: boolean;
}

export interface ModelsCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

const processIo: ModelsCommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** `hospital models [--ollama-host HOSTS] [--json]`: which model servers answer and what they hold. */
export function registerModelsCommand(program: Command, io: ModelsCommandIo = processIo): Command {
  return program
    .command('models')
    .description('list the models installed on each Ollama host, and whether the hosts answer')
    .option('--ollama-host <hosts>', 'Ollama host(s), comma-separated (default: OLLAMA_HOST or 127.0.0.1:11434)')
    .option('--json', 'print the probe results as JSON')
    .action(async (options: ModelsCommandOptions) => {
      process.exitCode = await runModelsCommand(options, io);
    });
}

/** Probe, print, and return the exit code: 3 when any host is unreachable. */
export async function runModelsCommand(options: ModelsCommandOptions, io: ModelsCommandIo = processIo): Promise<number> {
  const hosts = resolveOllamaHosts(options.ollamaHost, io.env ?? process.env);
  const probes = await probeOllamaHosts(hosts, { fetch: io.fetch });
  const down = probes.some((probe) => !probe.reachable);
  if (options.json) {
    io.stdout(JSON.stringify({ hosts: probes }, null, 2) + '\n');
  } else if (probes.every((probe) => !probe.reachable)) {
    io.stderr(ollamaDownLine(probes) + '\n');
  } else {
    const lines = formatProbeReport(probes);
    const downLine = down ? lines.pop() : undefined;
    io.stdout(lines.join('\n') + '\n');
    if (downLine) io.stderr(downLine + '\n');
  }
  return down ? exitCodes.modelUnavailable : exitCodes.ok;
}
