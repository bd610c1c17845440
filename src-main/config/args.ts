/** Command-line flags of `npm run server` (and of the desktop app). */
import { defaultOptions, type SandboxOptions } from './options.js';

export const usage = `Usage: npm run server -- [options]

Runs Cognito Sandbox headless: the Cognito APIs, hosted UI and debugger on one port.

Options:
  --port <n>              port to listen on (default ${defaultOptions.port}; 0 picks a free port)
  --https-port <n>        also serve everything over HTTPS on this port (0 picks a free port),
                          with certificates from a local CA kept in the data dir (tls/ca.pem)
  --host <addr>           address to bind (default ${defaultOptions.host})
  --data-dir <dir>        where the sandbox keeps its database (default ${defaultOptions.dataDir})
  --in-memory             keep nothing on disk
  --region <region>       region for new user pools (default ${defaultOptions.region})
  --lambda-endpoint <url> AWS Lambda Invoke API for triggers (SAM local, LocalStack, ...)
  --config <file>         JSON file of pools, clients, users and groups to create at start: the
                          sandbox's own (the debugger's Export config writes one), or what
                          aws cognito-idp describe-user-pool / describe-user-pool-client print
  --snapshot <name|file>  restore a snapshot at start: one saved under that name (the window's
                          Snapshots…, POST /_sandbox/api/snapshots) or a downloaded .sqlite file;
                          before --config, which then adds to it
  --fixed-code <digits>   every verification code is this value (for scripted tests)
  --aws-issuer            put Cognito's real issuer (https://cognito-idp.REGION.amazonaws.com/POOL)
                          in tokens instead of the sandbox's URL
  --history-events <n>    debugger events to keep (default 20,000; about 1 MB per 1,250); past it
                          the oldest whole flows are pruned, pinned flows never
  --cors-origin <origin>  also let pages from this origin call the APIs from a browser
                          (loopback pages always may); repeat for more
  --trace-flows           print each flow's trace (its calls, states, challenges, triggers,
                          errors and tokens) to stdout when it ends: why a CI sign-in failed
  --help                  show this help
`;

export class UsageError extends Error {}

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export function parseArgs(argv: readonly string[]): SandboxOptions & { help: boolean } {
  const options: SandboxOptions & { help: boolean } = { ...defaultOptions, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--port':
        options.port = portNumber(flag, value());
        break;
      case '--https-port':
        options.httpsPort = portNumber(flag, value());
        break;
      case '--host':
        options.host = value();
        break;
      case '--data-dir':
        options.dataDir = value();
        break;
      case '--in-memory':
        options.dataDir = undefined;
        break;
      case '--region': {
        const region = value();
        if (!REGION.test(region)) throw new UsageError(`--region: '${region}' is not an AWS region name like us-east-1`);
        options.region = region;
        break;
      }
      case '--lambda-endpoint': {
        const url = value();
        if (!/^https?:\/\//.test(url)) throw new UsageError('--lambda-endpoint must be an http(s) URL');
        options.lambdaEndpoint = url.replace(/\/+$/, '');
        break;
      }
      case '--history-events': {
        const events = value();
        if (!/^\d+$/.test(events) || Number(events) < 100 || Number(events) > 10_000_000) throw new UsageError('--history-events must be a whole number from 100 to 10000000');
        options.historyEvents = Number(events);
        break;
      }
      case '--fixed-code': {
        const code = value();
        if (!/^\d{6}$/.test(code)) throw new UsageError('--fixed-code must be 6 digits, like the codes Cognito sends');
        options.fixedCode = code;
        break;
      }
      case '--aws-issuer':
        options.awsIssuer = true;
        break;
      case '--trace-flows':
        options.traceFlows = true;
        break;
      case '--config':
        options.configFile = value();
        break;
      case '--snapshot':
        options.snapshot = value();
        break;
      case '--cors-origin': {
        const origin = value();
        if (!/^https?:\/\/[^/?#\s]+$/i.test(origin)) throw new UsageError(`--cors-origin: '${origin}' is not an origin like https://app.example.com (scheme, host and port only)`);
        options.corsOrigins = [...(options.corsOrigins ?? []), origin];
        break;
      }
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (options.httpsPort !== undefined && options.httpsPort !== 0 && options.httpsPort === options.port) {
    throw new UsageError('--https-port must differ from --port: HTTP and HTTPS need a port each');
  }
  return options;
}

function portNumber(flag: string, text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`${flag} must be a number from 0 to 65535`);
  return port;
}
