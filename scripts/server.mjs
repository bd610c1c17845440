// `npm run server`: the headless sandbox. Runs src-main/headless.ts as one bundled module
// (out/headless/headless.mjs, rebuilt with esbuild whenever a source file is newer), because
// starting from a bundle takes a third of the time transpiling ~200 files on the fly does.
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
  return ['src-main', 'shared'].some((dir) => newestSource(path.join(root, dir)) > built);
}

if (isStale()) {
  // Built beside the bundle and renamed over it: parallel starts never load half a file.
  const temp = `${bundle}.${process.pid}.tmp.mjs`;
  buildSync({
    entryPoints: [entry],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  fs.renameSync(temp, bundle);
}

await import(pathToFileURL(bundle).href);
