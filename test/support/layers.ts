/**
 * The project's layering, read from the sources' own import statements (DESIGN.md, "Imports
 * point down"): a file may import its own layer or a lower one, never a higher one; an AWS JSON
 * operation folder never imports a sibling one; `electron` is imported only in
 * src-main/electron/; shared/ imports nothing of the project's; the window imports only shared/
 * and its own files; and there are no import cycles.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Layers from the top; a file belongs to the first whose pattern matches its path. */
export const LAYERS: readonly { name: string; rank: number; pattern: RegExp }[] = [
  { name: 'shells and composition root', rank: 6, pattern: /^src-main\/(app\.ts|headless\.ts|electron\/|config\/seed\.ts)/ },
  { name: 'server (the doors)', rank: 5, pattern: /^src-main\/(server\/|services\.ts)/ },
  { name: 'flows', rank: 4, pattern: /^src-main\/flows\// },
  { name: 'cognito, triggers, tokens, messaging', rank: 3, pattern: /^src-main\/(cognito|triggers|tokens|messaging)\// },
  { name: 'auth, store, debug, config', rank: 2, pattern: /^src-main\/(auth\/|store\/|debug\/|config\/|clock\.ts|ids\.ts|base-services\.ts)/ },
  { name: 'shared', rank: 1, pattern: /^shared\// },
];

const OPERATION_FOLDER = /^src-main\/server\/aws-json\/operations\/([^/]+)\//;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export type Sources = ReadonlyMap<string, string>;

export interface Edge {
  from: string;
  to: string;
}

/** Every .ts and .vue file under the given folders, by path relative to `root`. */
export function readSources(root: string, folders: readonly string[]): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (/\.(ts|vue)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) sources.set(relative, fs.readFileSync(path.join(root, relative), 'utf8'));
    }
  };
  for (const folder of folders) if (fs.existsSync(path.join(root, folder))) walk(folder);
  return sources;
}

/** The import specifiers of one file (static, re-exports and dynamic). */
export function specifiersOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((match) => match[1] ?? match[2]!);
}

/** A relative specifier as the path of the file it names (`.js` written for `.ts`). */
function resolve(from: string, specifier: string, sources: Sources): string {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [joined, joined.replace(/\.js$/, '.ts'), `${joined}.ts`, `${joined}/index.ts`]) {
    if (sources.has(candidate)) return candidate;
  }
  return joined;
}

export function edgesOf(sources: Sources): { relative: Edge[]; packages: Edge[] } {
  const relative: Edge[] = [];
  const packages: Edge[] = [];
  for (const [from, source] of sources) {
    for (const specifier of specifiersOf(source)) {
      if (specifier.startsWith('.')) relative.push({ from, to: resolve(from, specifier, sources) });
      else packages.push({ from, to: specifier });
    }
  }
  return { relative, packages };
}

function layerOf(file: string) {
  return LAYERS.find((layer) => layer.pattern.test(file));
}

/** Each import that breaks a rule, as a sentence naming the file, what it imports and why that is wrong. */
export function layeringViolations(sources: Sources): string[] {
  const { relative, packages } = edgesOf(sources);
  const violations: string[] = [];
  for (const { from, to } of relative) {
    const [fromLayer, toLayer] = [layerOf(from), layerOf(to)];
    if (fromLayer && toLayer && toLayer.rank > fromLayer.rank) {
      violations.push(`${from} imports ${to}: ${fromLayer.name} may not import ${toLayer.name}, a layer above it`);
    }
    const [fromFolder, toFolder] = [OPERATION_FOLDER.exec(from)?.[1], OPERATION_FOLDER.exec(to)?.[1]];
    if (fromFolder && toFolder && fromFolder !== toFolder) {
      violations.push(`${from} imports ${to}: the ${fromFolder} operations may not import the ${toFolder} operations' files (move what they share down)`);
    }
    if (from.startsWith('shared/') && !to.startsWith('shared/')) violations.push(`${from} imports ${to}: shared/ imports nothing of the project's`);
    if (from.startsWith('src-renderer/') && !to.startsWith('src-renderer/') && !to.startsWith('shared/')) {
      violations.push(`${from} imports ${to}: the window imports only shared/ and its own files`);
    }
  }
  for (const { from, to } of packages) {
    if ((to === 'electron' || to.startsWith('electron/')) && !from.startsWith('src-main/electron/')) {
      violations.push(`${from} imports ${to}: only src-main/electron/ may import electron`);
    }
    if (from.startsWith('shared/') && (to.startsWith('node:') || ['vue', 'pinia', 'electron', 'express'].includes(to))) {
      violations.push(`${from} imports ${to}: shared/ is pure types and constants`);
    }
  }
  return violations.concat(cyclesOf(relative).map((group) => `import cycle among ${group.join(', ')}`));
}

/** Every group of files that import one another in a circle (the strongly connected components of more than one file, by Tarjan's algorithm). */
export function cyclesOf(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const to of next.get(file) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!));
    }
    if (low.get(file) === index.get(file)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== file);
      if (group.length > 1) groups.push(group.reverse());
    }
  };
  for (const file of next.keys()) if (!index.has(file)) visit(file);
  return groups;
}
