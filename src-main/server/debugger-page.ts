/**
 * Serves the debugger window's page at `/_sandbox/`: the built renderer when it exists,
 * otherwise a small page that says how to build it. The same page answers at
 * `/_sandbox/oauth-callback`, the callback URL "Try it" registers on an app client (a redirect
 * URI may not carry a fragment, so the page reads `code` and `state` from a real path's query).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';

function rendererDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../renderer'), path.resolve(here, '../../out/renderer')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
}

const placeholder = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cognito Sandbox</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'unsafe-inline'">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2933}
code{background:#eef2f7;padding:.1em .3em;border-radius:4px}</style></head>
<body><h1>Cognito Sandbox</h1>
<p>The sandbox is running. Point the AWS SDK at <code id="endpoint"></code>.</p>
<p>The debugger window has not been built: run <code>npm run build</code> and reload.</p>
<p>Live events: <a href="/_sandbox/api/events">/_sandbox/api/events</a> · health: <a href="/_sandbox/api/health">/_sandbox/api/health</a></p>
<script src="/_sandbox/placeholder.js"></script>
</body></html>`;

export function debuggerPage(): express.Router {
  const router = express.Router();
  const dir = rendererDir();
  if (dir) {
    router.use(express.static(dir, { index: 'index.html' }));
    router.get('/oauth-callback', (_req, res) => res.sendFile(path.join(dir, 'index.html')));
    return router;
  }
  router.get('/placeholder.js', (_req, res) => {
    res.type('text/javascript').send("document.getElementById('endpoint').textContent = location.origin;");
  });
  router.get(['/', '/oauth-callback'], (_req, res) => res.type('html').send(placeholder));
  return router;
}
