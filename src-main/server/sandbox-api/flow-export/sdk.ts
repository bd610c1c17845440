/**
 * A flow as an AWS SDK for JavaScript v3 snippet: one `cognito.send(new XCommand(...))` per
 * call, against the same pool and client. A Session or token comes from the answer that
 * carried it; masked passwords from the environment; a code from the sandbox's outbox; a call
 * the flow saw refused is caught and its error printed.
 */
import { camel, commentText, tsLiteral } from './code.js';
import { flowTitle } from './naming.js';
import { answerNote, Slot, slotsOf, type ExportPlan, type Json } from './plan.js';

const MEMBER_PATHS: Record<string, string> = {
  Session: '.Session',
  AccessToken: '.AuthenticationResult?.AccessToken',
  RefreshToken: '.AuthenticationResult?.RefreshToken',
  USER_ID_FOR_SRP: '.ChallengeParameters?.USER_ID_FOR_SRP',
};

/** Which recorded answer member each `previous` slot reads. */
function carries(response: unknown, member: string): boolean {
  const r = (response ?? {}) as Json;
  if (member === 'Session') return typeof r.Session === 'string';
  if (member === 'USER_ID_FOR_SRP') return typeof r.ChallengeParameters?.USER_ID_FOR_SRP === 'string';
  return typeof r.AuthenticationResult?.[member] === 'string';
}

export function sdkSnippet(plan: ExportPlan, sandboxUrl: string): string {
  const operations = [...new Set(plan.calls.map((call) => call.operation))];
  const slots = plan.calls.flatMap((call) => slotsOf(call.request));
  const uses = (kind: Slot['placeholder']['kind']) => slots.some((s) => s.placeholder.kind === kind);
  const carriedBy = new Map<string, string>();
  /** The answer that gave the authenticator key (AssociateSoftwareToken), by its variable. */
  let keyFrom: string | undefined;
  const lines: string[] = [];
  plan.calls.forEach((call, index) => {
    const name = `${camel(call.operation)}${index + 1}`;
    const before: string[] = [];
    const slotCode = (slot: Slot): string => {
      const p = slot.placeholder;
      switch (p.kind) {
        case 'poolId':
          return 'POOL_ID';
        case 'clientId':
          return 'CLIENT_ID';
        case 'password':
          return p.name;
        case 'previous': {
          const from = carriedBy.get(p.member);
          return from ? `${from}${MEMBER_PATHS[p.member]}` : JSON.stringify(slot.recorded);
        }
        case 'code':
          before.push(`const code${index + 1} = await latestCode(${JSON.stringify(p.to)});${p.wrong ? ' // the flow sent a wrong code here' : ''}`);
          return `code${index + 1}`;
        case 'secretHash':
          return `secretHash(${tsLiteral(p.username, slotCode)})`;
        case 'srp':
          return `${JSON.stringify(slot.recorded)} /* SRP: new each run, use amazon-cognito-identity-js or Amplify */`;
        case 'totp':
          return p.wrong ? `wrongCode(totpNow(${keyFrom}.SecretCode!)) /* the flow sent a wrong code */` : `totpNow(${keyFrom}.SecretCode!)`;
        case 'masked':
          return `process.env.${p.key.toUpperCase()}!`;
      }
    };
    const command = `new ${call.operation}Command(${tsLiteral(call.request, slotCode)})`;
    lines.push('', `// ${index + 1}. ${call.operation}: answered ${commentText(answerNote(call))}`, ...before);
    if (call.error) {
      lines.push(`await cognito.send(${command}).catch((error) => console.log(error.name, error.message));`);
      return;
    }
    lines.push(`const ${name} = await cognito.send(${command});`, `console.log(${JSON.stringify(call.operation)}, ${name});`);
    for (const member of Object.keys(MEMBER_PATHS)) if (carries(call.response, member)) carriedBy.set(member, name);
    if (call.operation === 'AssociateSoftwareToken') keyFrom = name;
  });
  const helpers = [
    ...(uses('code')
      ? [
          '/** The newest code the sandbox sent to `to` (its outbox). */',
          'async function latestCode(to?: string): Promise<string> {',
          "  const messages: { code?: string }[] = await (await fetch(`${SANDBOX_URL}/_sandbox/api/outbox?pool=${POOL_ID}${to ? `&to=${encodeURIComponent(to)}` : ''}`)).json();",
          "  return messages.filter((m) => m.code).at(-1)?.code ?? '';",
          '}',
        ]
      : []),
    ...(uses('secretHash') ? ["const secretHash = (username: string) => createHmac('sha256', process.env.CLIENT_SECRET!).update(username + CLIENT_ID).digest('base64');"] : []),
    ...(uses('totp')
      ? ["/** The authenticator app's code now for the key AssociateSoftwareToken answered. */", "const totpNow = (secretCode: string) => new TOTP({ secret: Secret.fromBase32(secretCode), algorithm: 'SHA1', digits: 6, period: 30 }).generate();"]
      : []),
    ...(slots.some((slot) => slot.placeholder.kind === 'totp' && slot.placeholder.wrong)
      ? ['/** A code that is not `code`. */', 'const wrongCode = (code: string) => code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);']
      : []),
  ];
  return [
    `// Flow ${plan.flow.id}: ${commentText(flowTitle(plan.flow))}.`,
    '// Its calls with the AWS SDK for JavaScript v3, exported by Cognito Sandbox. Masked secrets come from the environment.',
    ...(uses('secretHash') ? ["import { createHmac } from 'node:crypto';"] : []),
    ...(uses('totp') ? ["import { Secret, TOTP } from 'otpauth';"] : []),
    `import { CognitoIdentityProviderClient, ${operations.map((op) => `${op}Command`).join(', ')} } from '@aws-sdk/client-cognito-identity-provider';`,
    '',
    `const SANDBOX_URL = process.env.SANDBOX_URL ?? ${JSON.stringify(sandboxUrl)};`,
    ...(plan.flow.poolId ? [`const POOL_ID = ${JSON.stringify(plan.flow.poolId)};`] : []),
    ...(plan.flow.clientId ? [`const CLIENT_ID = ${JSON.stringify(plan.flow.clientId)};`] : []),
    ...plan.passwords.map((name) => `const ${name} = process.env.${name}!; // masked in the recording`),
    'const cognito = new CognitoIdentityProviderClient({',
    `  region: ${JSON.stringify(plan.flow.poolId?.split('_')[0] ?? 'us-east-1')},`,
    '  endpoint: SANDBOX_URL,',
    "  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },",
    '});',
    ...(helpers.length > 0 ? ['', ...helpers] : []),
    ...lines,
    '',
  ].join('\n');
}
