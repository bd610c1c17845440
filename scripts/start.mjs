// `npm start`: the desktop app where Electron's binary is installed; otherwise the same sandbox
// headless (this build machine, CI, containers), printing the debugger's URL. Either way the
// debugger page is built first when it is missing or older than its sources.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const electronVite = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');

function electronBinary() {
  try {
    const binary = require('electron'); // the electron package exports its binary's path
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined; // its install script never ran, or could not download the binary
  }
}

function newestChange(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsCurrent() {
  const page = path.join('out', 'renderer', 'index.html');
  if (!fs.existsSync(page)) return false;
  const built = fs.statSync(page).mtimeMs;
  return ['src-renderer', 'shared'].every((dir) => newestChange(dir) <= built);
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}

const binary = electronBinary();
if (binary && !process.env.COGNITO_SANDBOX_HEADLESS) {
  run(process.execPath, [electronVite, 'preview', '--', ...args]); // preview builds, then opens the window
} else {
  console.log('Electron is not installed here: starting Cognito Sandbox headless.');
  if (!buildIsCurrent()) {
    console.log('Building the debugger page...');
    const build = spawnSync(process.execPath, [electronVite, 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) console.log('The debugger page did not build; the sandbox runs without it.');
  }
  run(process.execPath, ['--enable-source-maps', 'scripts/server.mjs', ...args]);
}
