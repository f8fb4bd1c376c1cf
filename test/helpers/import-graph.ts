import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** The source layers, bottom first: a file may import its own layer or one below it. */
export const layerOrder = ['domain', 'scenarios', 'agents', 'environment', 'evaluation', 'cli', 'bench'] as const;
export type Layer = (typeof layerOrder)[number];

export interface SourceFile {
  /** Path from the project root, with forward slashes. */
  path: string;
  layer: Layer;
  lines: number;
  /** Project files it imports (static, dynamic, re-exports and type-only imports alike). */
  imports: string[];
  /** Package names it imports (`@scope/name` or `name`; `node:` built-ins left out). */
  packages: string[];
}

const sourceExtension = /\.(ts|tsx|mts)$/;

function walk(root: string, dir: string, files: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(root, path, files);
    else if (sourceExtension.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(relative(root, path).split(sep).join('/'));
  }
}

/** `../domain/errors.js` from `evaluation/compare.ts` → `domain/errors.ts`, if that file exists. */
function resolveImport(root: string, from: string, specifier: string): string | undefined {
  const base = resolve(root, dirname(from), specifier).replace(/\.(js|mjs|jsx)$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}.mts`, join(base, 'index.ts')])
    if (existsSync(candidate)) return relative(root, candidate).split(sep).join('/');
  return undefined;
}

const packageName = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];

/** Every source file of the layers, read with the TypeScript scanner (no type checking). */
export function readSourceGraph(root: string): SourceFile[] {
  const paths: string[] = [];
  for (const layer of layerOrder) if (existsSync(join(root, layer))) walk(root, join(root, layer), paths);
  return paths.sort().map((path) => {
    const text = readFileSync(join(root, path), 'utf8');
    const info = ts.preProcessFile(text, true, true);
    const imports: string[] = [];
    const packages: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolveImport(root, path, fileName);
        if (target) imports.push(target);
      } else if (!fileName.startsWith('node:')) packages.push(packageName(fileName));
    }
    return { path, layer: path.split('/')[0] as Layer, lines: text.split('\n').length, imports, packages };
  });
}

export const layerIndex = (path: string): number => layerOrder.indexOf(path.split('/')[0] as Layer);

/** Imports from a lower layer to a higher one, as `from -> to`. */
export function upwardImports(files: readonly SourceFile[]): string[] {
  return files.flatMap((file) =>
    file.imports.filter((target) => layerIndex(target) > layerIndex(file.path)).map((target) => `${file.path} -> ${target}`),
  );
}

/** Strongly connected groups of more than one file (Tarjan), each sorted: every import cycle. */
export function importCycles(files: readonly SourceFile[]): string[][] {
  const edges = new Map(files.map((file) => [file.path, file.imports]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || edges.get(node)?.includes(node)) cycles.push(group.sort());
  };
  for (const file of files) if (!index.has(file.path)) visit(file.path);
  return cycles;
}
