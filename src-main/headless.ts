/** `npm run server`: the sandbox without Electron, for CI, containers and terminals. */
import { createApp } from './app.js';
import { describeOffset } from './clock.js';
import { parseArgs, usage, UsageError } from './config/args.js';
import { describeConfigSummary } from './config/config-summary.js';
import { describeRestored } from './server/sandbox-api/snapshots.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${usage}`);
      process.exit(2);
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(usage);
    return;
  }
  const app = await createApp(options);
  // Before the URL is announced: a supervisor that stops the sandbox as soon as it reads the URL
  // would otherwise meet the default handler and kill it without flushing.
  const shutdown = (signal: string) => {
    process.stdout.write(`${signal}: flushing and shutting down\n`);
    app.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  if (app.snapshotLoaded) process.stdout.write(`${describeRestored(app.snapshotLoaded)}\n`);
  if (app.configLoaded) process.stdout.write(`${describeConfigSummary(app.configLoaded)}\n`);
  if (app.services.clock.offsetMs > 0) process.stdout.write(`clock: ${describeOffset(app.services.clock.offsetMs)}\n`);
  process.stdout.write(`listening on ${app.url}\n`);
  if (app.httpsUrl) {
    process.stdout.write(`listening on ${app.httpsUrl}\n`);
    process.stdout.write(`certificate authority: ${app.https?.authority.certificateFile ?? `${app.url}/_sandbox/api/tls/ca.pem (in memory: a new one each run)`}\n`);
  }
  process.stdout.write(`debugger: ${app.url}/_sandbox/\n`);
}

main().catch((error) => {
  // The message says what is wrong and where (a damaged file, a port in use); a stack would bury it.
  console.error(`The sandbox could not start. ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
