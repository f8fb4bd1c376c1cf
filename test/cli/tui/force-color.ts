// Imported first by the TUI tests: colours on (before chalk loads) so snapshots show styling.
process.env.FORCE_COLOR = '1';
delete process.env.CI;
