/**
 * Full-screen apps draw on the terminal's alternate screen and give the user back their scrollback
 * untouched on exit, however the program ends.
 */
export function enterAlternateScreen(stream: NodeJS.WriteStream): () => void {
  if (!stream.isTTY) return () => {};
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stream.write('\u001b[?1049l\u001b[?25h');
    process.off('exit', restore);
  };
  stream.write('\u001b[?1049h\u001b[H');
  process.on('exit', restore);
  return restore;
}
