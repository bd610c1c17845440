/**
 * Which client sent a call, read from its User-Agent (the AWS SDKs put theirs in
 * `X-Amz-User-Agent` where a browser owns `User-Agent`). The first token that names a known
 * client wins, in the order below: Terraform and the AWS CLI name the SDK they are built on
 * after their own name.
 */
export interface ClientSoftware {
  /** What a developer calls it: `AWS SDK for JavaScript v3`, `Amplify`, `AWS CLI`, `boto3` ... */
  name: string;
  version?: string;
}

interface Known {
  /** The product token, case-insensitive, its version captured: `aws-sdk-js/3.614.0`. */
  token: RegExp;
  read: (version: string) => ClientSoftware;
}

const major = (version: string) => Number(version.split('.')[0]) || '?';
const named = (name: string) => (version: string) => (version ? { name, version } : { name });

const KNOWN: Known[] = [
  { token: /\bTerraform\/([\w.+-]+)/i, read: named('Terraform') },
  { token: /\baws-cli\/([\w.+-]+)/i, read: named('AWS CLI') },
  { token: /\baws-cdk\/([\w.+-]+)/i, read: named('AWS CDK') },
  { token: /\bBoto3\/([\w.+-]+)/i, read: named('boto3') },
  { token: /\bBotocore\/([\w.+-]+)/i, read: named('botocore') },
  {
    // Amplify v6 speaks for itself (`aws-amplify/6.3.4 auth/4 framework/0`). Before it,
    // `aws-amplify/5.0.4` is amazon-cognito-identity-js (alone or under Amplify v5), which
    // reports that fixed string whatever its own version.
    token: /\baws-amplify\/([\w.+-]+)/i,
    read: (version) => (Number(major(version)) >= 6 ? { name: 'Amplify', version } : { name: 'amazon-cognito-identity-js' }),
  },
  { token: /\baws-sdk-js\/([\w.+-]+)/i, read: (version) => ({ name: `AWS SDK for JavaScript v${major(version)}`, version }) },
  { token: /\baws-sdk-go-v2\/([\w.+-]+)/i, read: named('AWS SDK for Go v2') },
  { token: /\baws-sdk-go\/([\w.+-]+)/i, read: named('AWS SDK for Go') },
  { token: /\baws-sdk-java\/([\w.+-]+)/i, read: (version) => ({ name: `AWS SDK for Java v${major(version)}`, version }) },
  { token: /\baws-sdk-dotnet[\w-]*\/([\w.+-]+)/i, read: named('AWS SDK for .NET') },
  { token: /\baws-sdk-rust\/([\w.+-]+)/i, read: named('AWS SDK for Rust') },
  { token: /\baws-sdk-kotlin\/([\w.+-]+)/i, read: named('AWS SDK for Kotlin') },
  { token: /\baws-sdk-swift\/([\w.+-]+)/i, read: named('AWS SDK for Swift') },
  { token: /\baws-sdk-php\/([\w.+-]+)/i, read: named('AWS SDK for PHP') },
  { token: /\baws-sdk-ruby\d*\/([\w.+-]+)/i, read: named('AWS SDK for Ruby') },
  { token: /\baws-sdk-cpp\/([\w.+-]+)/i, read: named('AWS SDK for C++') },
  { token: /\bcurl\/([\w.+-]+)/i, read: named('curl') },
  { token: /\bMozilla\/[\d.]+ .*\b(?:Firefox|Chrome|Safari)\/([\w.+-]+)/i, read: () => ({ name: 'a browser' }) },
  { token: /^(?:node|undici)\b()/i, read: () => ({ name: 'Node.js fetch' }) },
];

/** The client named by `userAgent`, or undefined when it names none this knows. */
export function clientSoftware(userAgent: string | undefined): ClientSoftware | undefined {
  if (!userAgent) return undefined;
  for (const known of KNOWN) {
    const match = known.token.exec(userAgent);
    if (match) return known.read(match[1] ?? '');
  }
  return undefined;
}

/** Names that say only what carried the call, not which SDK made it. */
const CARRIERS = new Set(['a browser', 'Node.js fetch']);

/**
 * The User-Agent to show and the client it names, from both headers an SDK may send: in a
 * browser the SDK's own is `X-Amz-User-Agent` (the browser owns `User-Agent`); in Node the AWS
 * SDK puts its full string in `User-Agent` and a short one in `X-Amz-User-Agent`.
 */
export function callerOf(headers: { userAgent?: string; amzUserAgent?: string }): { userAgent?: string; client?: ClientSoftware } {
  const candidates = [headers.userAgent, headers.amzUserAgent]
    .filter((text): text is string => Boolean(text))
    .map((text) => ({ text, client: clientSoftware(text) }));
  const naming = candidates.filter((c) => c.client && !CARRIERS.has(c.client.name));
  const chosen = (naming.length ? naming : candidates).sort((a, b) => b.text.length - a.text.length)[0];
  return chosen ? { userAgent: chosen.text, ...(chosen.client && { client: chosen.client }) } : {};
}
