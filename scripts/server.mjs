// `npm run server`: the headless sandbox. Runs src-main/headless.ts as one bundled module
// (out/headless/headless.mjs, rebuilt with esbuild whenever a source file is newer), because
// starting from a bundle takes a third of the time transpiling ~200 files on the fly does. The
// dependencies are bundled too (resolving and reading express's hundred files costs another
// ~140 ms); sql.js stays outside, for its WebAssembly file.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const entry = path.join(root, 'src-main/headless.ts');
const bundle = path.join(root, 'out/headless/headless.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!fs.existsSync(bundle)) return true;
  const built = fs.statSync(bundle).mtimeMs;
  // src-renderer/lib: the flow export draws sequences with the window's own flow model.
  return ['src-main', 'shared', 'src-renderer/lib'].some((dir) => newestSource(path.join(root, dir)) > built);
}

if (isStale()) {
  // Built in a folder of its own and renamed over the bundle (its source map first): parallel
  // starts never load half a file.
  const temp = path.join(path.dirname(bundle), `.build-${process.pid}`, path.basename(bundle));
  buildSync({
    entryPoints: [entry],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['sql.js', 'electron'],
    // CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
  fs.renameSync(`${temp}.map`, `${bundle}.map`);
  fs.renameSync(temp, bundle);
  fs.rmSync(path.dirname(temp), { recursive: true, force: true });
}

await import(pathToFileURL(bundle).href);
