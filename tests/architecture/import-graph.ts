/**
 * The import graph of the repository's own source, read with the TypeScript compiler (so every
 * form counts: static, type-only, `export … from`, dynamic `import()` and `require()`), and its
 * cycles. A type-only cycle is still a cycle: it ties two modules' designs together just the same.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Repository-relative file (with `/`) → the repository files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** Every source file under `dirs` (relative to `root`), skipping declaration files and dot folders. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      if (name === 'node_modules' || name.startsWith('.')) return [];
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return SOURCE.test(name) && !name.endsWith('.d.ts') ? [toRepoPath(root, path)] : [];
    });
  return dirs.flatMap((dir) => walk(join(root, dir))).sort();
}

function toRepoPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** The module specifiers a file's text names, in every import form. */
export function importSpecifiers(text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((file) => file.fileName);
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  resolveJsonModule: true,
  allowJs: true,
  jsx: ts.JsxEmit.ReactJSX,
};

/**
 * Builds the graph of `files` (repository-relative) as the compiler resolves their imports; edges
 * to packages and to files outside `files` are left out. `host` lets a test supply files in memory.
 */
export function buildImportGraph(
  root: string,
  files: readonly string[],
  host: ts.ModuleResolutionHost = ts.sys,
): ImportGraph {
  const absRoot = resolve(root);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const absFile = join(absRoot, file);
    const text = host.readFile(absFile);
    if (text === undefined) throw new Error(`cannot read ${file}`);
    const targets = new Set<string>();
    for (const specifier of importSpecifiers(text)) {
      const target = resolveImport(absRoot, absFile, specifier, host);
      if (target !== null && known.has(target)) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

function resolveImport(
  absRoot: string,
  absFile: string,
  specifier: string,
  host: ts.ModuleResolutionHost,
): string | null {
  const bare = specifier.replace(/\?.*$/, '');
  const { resolvedModule } = ts.resolveModuleName(bare, absFile, COMPILER_OPTIONS, host);
  if (resolvedModule && !resolvedModule.isExternalLibraryImport) {
    return toRepoPath(absRoot, resolvedModule.resolvedFileName);
  }
  // Assets (`./styles.css`) and plain scripts the compiler does not resolve are still files.
  if (bare.startsWith('.')) return toRepoPath(absRoot, resolve(dirname(absFile), bare));
  return null;
}

/**
 * The graph's cycles: within each tangle (strongly connected component), the shortest loop through
 * its first file, then through each file no loop listed so far passes, so every file caught in a
 * cycle shows in one. Each loop starts and ends with the same file. Empty when the graph is acyclic.
 */
export function findCycles(graph: ImportGraph): string[][] {
  return stronglyConnected(graph)
    .filter((component) => component.length > 1 || (graph.get(component[0]) ?? []).includes(component[0]))
    .flatMap((component) => {
      const members = new Set(component);
      const covered = new Set<string>();
      const loops: string[][] = [];
      for (const file of [...component].sort()) {
        if (covered.has(file)) continue;
        const loop = shortestLoop(graph, file, members);
        loop.forEach((member) => covered.add(member));
        loops.push(loop);
      }
      return loops;
    })
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** Tarjan's algorithm, iterative so a deep import chain cannot overflow the stack. */
function stronglyConnected(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;

  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++];
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** Breadth-first from `start` back to itself, staying inside its component. */
function shortestLoop(graph: ImportGraph, start: string, members: ReadonlySet<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = node; at !== start; at = cameFrom.get(at)!) path.unshift(at);
        return [start, ...path];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
