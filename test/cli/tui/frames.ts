/** Helpers for reading Ink frames in tests. */

const sgr = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export const plainText = (text: string | undefined): string => (text ?? '').replace(sgr, '');

/** A frame with the parts that change between runs (run ids) made stable, colours kept. */
export const stableFrame = (text: string | undefined): string => (text ?? '').replace(/r\d{8}-\d{4}-[0-9a-f]{6}/g, 'r<run-id>');

export const tick = (ms = 30): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const keys = {
  down: '\u001b[B',
  up: '\u001b[A',
  left: '\u001b[D',
  right: '\u001b[C',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  backspace: '\u007f',
};

/** Wait until the last frame (colours stripped) satisfies `test`; fail with the frame when it never does. */
export async function waitForFrame(
  view: { lastFrame(): string | undefined },
  test: (frame: string) => boolean,
  timeoutMs = 2000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = plainText(view.lastFrame());
    if (test(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`frame never matched; last frame:\n${frame}`);
    await tick(10);
  }
}

/** Press keys one at a time, as a person does, letting each frame settle. */
export async function press(view: { stdin: { write(data: string): void } }, ...sequence: string[]): Promise<void> {
  for (const key of sequence) {
    view.stdin.write(key);
    await tick(40);
  }
}
