// `npm start`: the desktop app where Electron's binary is installed; otherwise the same sandbox
// headless (this build machine, CI, containers), printing the debugger's URL.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const binary = require('electron'); // the electron package exports its binary's path
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}

const binary = electronBinary();
if (binary && !process.env.COGNITO_SANDBOX_HEADLESS) {
  run(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'preview', '--', ...args]);
} else {
  console.log('Electron is not installed here: starting Cognito Sandbox headless.');
  run(process.execPath, ['--import', 'tsx', 'src-main/headless.ts', ...args]);
}
