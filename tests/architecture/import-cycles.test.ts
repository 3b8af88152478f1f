/**
 * No import cycles among the source files of src/, sim/ and relay/: a cycle makes two modules one
 * design that cannot be read, tested or moved apart, and a layer that imports back up stops being
 * a layer.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildImportGraph, findCycles, sourceFiles, type ImportGraph } from './import-graph';

const repo = join(import.meta.dirname, '..', '..');

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('the cycle finder', () => {
  it('passes an acyclic graph, diamonds included', () => {
    expect(findCycles(graphOf({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }))).toEqual([]);
  });

  it('finds a 2-cycle', () => {
    expect(findCycles(graphOf({ a: ['b'], b: ['a'], c: ['a'] }))).toEqual([['a', 'b', 'a']]);
  });

  it('finds a 3-cycle, entered from outside', () => {
    expect(findCycles(graphOf({ x: ['b'], a: ['b'], b: ['c'], c: ['a'] }))).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('reports a self-import and every separate tangle once', () => {
    const cycles = findCycles(graphOf({ a: ['a'], b: ['c'], c: ['b', 'd'], d: ['c'] }));
    expect(cycles).toEqual([
      ['a', 'a'],
      ['b', 'c', 'b'],
      ['d', 'c', 'd'],
    ]);
  });
});

describe('the import graph builder', () => {
  const root = '/virtual';
  const files: Record<string, string> = {
    'pkg/a.ts': "import { b } from './b';\nexport const a = b;",
    'pkg/b.ts': "export type { C } from './c';\nexport const b = 1;",
    'pkg/c.ts': "import type { a } from './a';\nexport type C = typeof a;",
    'pkg/d.ts': "import { z } from 'zod';\nexport const d = async () => (await import('./e')).e ?? z;",
    'pkg/e.tsx': "const styles = require('./d');\nexport const e = styles;",
    'pkg/f.ts': "import { a } from './a';\nexport const f = a;",
  };
  const host: ts.ModuleResolutionHost = {
    fileExists: (path) => path.slice(root.length + 1) in files,
    readFile: (path) => files[path.slice(root.length + 1)],
  };
  const graph = buildImportGraph(root, Object.keys(files), host);

  it('follows static, type-only, re-export, dynamic and require imports, and skips packages', () => {
    expect(Object.fromEntries(graph)).toEqual({
      'pkg/a.ts': ['pkg/b.ts'],
      'pkg/b.ts': ['pkg/c.ts'],
      'pkg/c.ts': ['pkg/a.ts'],
      'pkg/d.ts': ['pkg/e.tsx'],
      'pkg/e.tsx': ['pkg/d.ts'],
      'pkg/f.ts': ['pkg/a.ts'],
    });
  });

  it('turns them into the cycles the finder reports', () => {
    expect(findCycles(graph)).toEqual([
      ['pkg/a.ts', 'pkg/b.ts', 'pkg/c.ts', 'pkg/a.ts'],
      ['pkg/d.ts', 'pkg/e.tsx', 'pkg/d.ts'],
    ]);
  });
});

describe('the repository', () => {
  const graph = buildImportGraph(repo, sourceFiles(repo, ['src', 'sim', 'relay']));

  // One verdict per top folder, so a tangle in one cannot hide whether another is clean.
  it.each(['relay', 'sim', 'src'])('has no import cycle in %s/', (dir) => {
    const inDir = findCycles(graph).filter((cycle) => cycle[0].startsWith(`${dir}/`));
    expect(inDir.map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('reads the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('sim/index.ts')).toContain('sim/server.ts');
  });
});
