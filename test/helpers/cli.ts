import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../domain/paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const cliEntry = (): string => join(packageRoot(), 'bin', 'hospital.js');

/** Run the real CLI (compiled dist/, built by the test setup) as a child process. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): CliResult {
  const result = spawnSync(process.execPath, [cliEntry(), ...args], {
    cwd: options.cwd,
    env: { ...process.env, CI: '1', HOSPITAL_DB: '', ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Start the CLI without waiting, for tests that signal or kill it. */
export function startCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawn(process.execPath, [cliEntry(), ...args], {
    cwd: options.cwd,
    env: { ...process.env, CI: '1', HOSPITAL_DB: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Run the CLI without blocking this process (needed when this process serves the CLI, e.g. a fake model server). */
export function runCliAsync(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const child = startCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
