#!/usr/bin/env node
import { buildProgram } from './program.js';
import { exitCodes, HospitalError } from '../domain/errors.js';

const debug = process.argv.includes('--debug');

/** One line for expected failures; the stack only with --debug. */
function fail(error: unknown): never {
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') process.exit(0);
  if (error instanceof HospitalError) {
    process.stderr.write(`hospital: ${error.message}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(error.exitCode);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`hospital: unexpected error: ${message.split('\n')[0]}${debug ? '' : ' (run again with --debug for details)'}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(exitCodes.failure);
}

// A closed pipe (`hospital export | head`) is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  fail(error);
});
process.on('unhandledRejection', fail);
try {
  await (await buildProgram(process.argv)).parseAsync(process.argv);
} catch (error) {
  fail(error);
}
