/**
 * Typed errors with fixed exit codes. Bad input is reported as one line naming the file (and
 * line where known), the field path and what was expected; the CLI prints `message` and exits
 * with `exitCode`, and shows the stack only with --debug.
 */
export const exitCodes = {
  ok: 0,
  failure: 1,
  badInput: 2,
  modelUnavailable: 3,
  notFound: 4,
} as const;

export class HospitalError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.failure,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: a file, an option or a record that is not what was expected. */
export class InputError extends HospitalError {
  constructor(
    readonly where: string,
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${where}: ${field}: ${expected}`, exitCodes.badInput);
  }
}

/** Something asked for that does not exist (a run id, a scenario id, a profile). */
export class NotFoundError extends HospitalError {
  constructor(message: string) {
    super(message, exitCodes.notFound);
  }
}
