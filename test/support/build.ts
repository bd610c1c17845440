/**
 * Builds the app (`electron-vite build`: out/main, out/preload, out/renderer) when an output a
 * test needs is missing or older than its sources. `npm test` builds first; this is for a test
 * file run on its own. Test files run in parallel processes, so the first to build takes a lock
 * folder and the others wait for it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const OUT = path.join(ROOT, 'out');
const LOCK = path.join(ROOT, 'node_modules', '.cache', 'electron-vite-build.lock');
const STALE_LOCK_MS = 180_000;

export type BuildOutput = 'renderer' | 'main' | 'preload';

/** Each output's entry file and the source folders it is built from. */
const OUTPUTS: Record<BuildOutput, { file: string; sources: string[] }> = {
  renderer: { file: 'renderer/index.html', sources: ['src-renderer', 'shared'] },
  main: { file: 'main/main.js', sources: ['src-main', 'shared'] },
  preload: { file: 'preload/preload.cjs', sources: ['src-main/electron', 'shared'] },
};

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isCurrent(outputs: readonly BuildOutput[]): boolean {
  return outputs.every((output) => {
    const { file, sources } = OUTPUTS[output];
    const entry = path.join(OUT, file);
    if (!fs.existsSync(entry)) return false;
    const built = fs.statSync(entry).mtimeMs;
    return sources.every((dir) => newestChange(path.join(ROOT, dir)) <= built);
  });
}

/** The renderer alone, from electron.vite.config.ts's `renderer` section, with plain Vite. */
const RENDERER_ONLY = `
import { build, loadConfigFromFile } from 'vite';
const { config } = await loadConfigFromFile({ command: 'build', mode: 'production' }, 'electron.vite.config.ts');
await build({ ...config.renderer, configFile: false, logLevel: 'warn',
  build: { ...config.renderer.build, outDir: process.argv[1], emptyOutDir: true } });
`;

/**
 * The renderer alone when that is all a test needs: the main process may be mid-edit elsewhere
 * and need not build for a browser test.
 */
function build(outputs: readonly BuildOutput[]): void {
  const rendererOnly = outputs.every((output) => output === 'renderer');
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const args = rendererOnly ? ['--input-type=module', '-e', RENDERER_ONLY, path.join(OUT, 'renderer')] : [cli, 'build'];
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 170_000,
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (result.status !== 0) throw new Error(`building ${outputs.join(', ')} failed:\n${result.stdout}\n${result.stderr}`);
}

function tryLock(): boolean {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  try {
    fs.mkdirSync(LOCK);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (Date.now() - fs.statSync(LOCK).mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/**
 * Rebuilds only when an output a test needs is stale: a build empties out/, which a browser
 * test of another file may be reading at that moment.
 */
export async function ensureBuilt(outputs: readonly BuildOutput[]): Promise<void> {
  if (isCurrent(outputs)) return;
  while (!tryLock()) await new Promise((resolve) => setTimeout(resolve, 250));
  try {
    if (!isCurrent(outputs)) build(outputs);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
