import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The runtime import graph of our own source: one arrow per relative import that survives
 * compilation. Type-only imports (`import type`, or every named binding marked `type`) are erased
 * by the compiler and cannot form a load-order cycle, so they are left out; `import()` is kept,
 * since a lazy import is still a cycle once both modules are loaded.
 */
export type ImportGraph = { files: string[]; arrows: Map<string, Set<string>> };

const SOURCE = /\.(ts|tsx)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out']);

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function resolveRelative(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  if (/\.js$/.test(base)) candidates.unshift(base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'));
  return candidates.find((c) => SOURCE.test(c) && fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // a bare `import './x'` runs x
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  if (!bindings) return false;
  if (ts.isNamespaceImport(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** Relative module specifiers a file loads at run time. */
export function runtimeImports(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specs: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!isTypeOnlyImport(node)) specs.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!isTypeOnlyExport(node)) specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length === 1 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specs.filter((s) => s.startsWith('.'));
}

/** The graph of every source file under the given folders (paths relative to root). */
export function importGraph(root: string, folders: readonly string[]): ImportGraph {
  const files = folders.flatMap((f) => listSources(path.join(root, f))).sort();
  const arrows = new Map<string, Set<string>>();
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  for (const file of files) {
    const targets = new Set<string>();
    for (const spec of runtimeImports(file)) {
      const target = resolveRelative(file, spec);
      if (target) targets.add(rel(target));
    }
    arrows.set(rel(file), targets);
  }
  return { files: files.map(rel), arrows };
}

/** Strongly connected groups of two or more files (or a file importing itself): each is an import cycle. */
export function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so a deep import chain cannot overflow the stack.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  for (const start of graph.files) {
    if (index.has(start)) continue;
    const work: { node: string; targets: string[]; i: number }[] = [];
    const enter = (node: string) => {
      index.set(node, next);
      low.set(node, next);
      next += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, targets: [...(graph.arrows.get(node) ?? [])], i: 0 });
    };
    enter(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.targets.length) {
        const target = frame.targets[frame.i++];
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        if (group.length > 1 || graph.arrows.get(frame.node)?.has(frame.node)) cycles.push(group.sort());
      }
    }
  }
  return cycles;
}

export function graphSize(graph: ImportGraph): { files: number; arrows: number; cycles: number; filesInCycles: number } {
  const cycles = importCycles(graph);
  let arrows = 0;
  for (const targets of graph.arrows.values()) arrows += targets.size;
  return { files: graph.files.length, arrows, cycles: cycles.length, filesInCycles: cycles.reduce((n, c) => n + c.length, 0) };
}

// `node --import tsx test/helpers/import-graph.ts` prints the size of the product's graph.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
  const graph = importGraph(root, ['main', 'renderer', 'shared']);
  console.log(JSON.stringify(graphSize(graph)));
  for (const cycle of importCycles(graph)) console.log(`cycle: ${cycle.join(' ')}`);
}
