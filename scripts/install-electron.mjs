// Fetches Electron's binary where it can be fetched (a developer's desktop) and carries on
// without it where it cannot (CI, containers, machines without a route to its release host).
// Electron's own postinstall is denied in package.json's allowScripts so that `npm install`
// never fails on it; this script runs it instead, and a failure here is only a notice.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);

let installer;
try {
  installer = require.resolve('electron/install.js');
} catch {
  process.exit(0); // electron is not installed (production install): nothing to do
}

const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
if (result.status === 0) {
  console.log('Electron binary is ready: `npm start` opens the desktop window.');
} else {
  console.log(
    "Electron's binary could not be downloaded; `npm start` will run Cognito Sandbox headless.\n" +
      'Re-run `node scripts/install-electron.mjs` once the network allows.',
  );
}
