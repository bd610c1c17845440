/**
 * A flow as a bash script of curl calls, each with its X-Amz-Target, against the same pool and
 * client (POOL_ID, CLIENT_ID). The secrets the sandbox masked are shell variables to fill in
 * (PASSWORD ...); the Session and tokens are taken from the previous answer with jq, a code
 * from the sandbox's outbox. SRP values are the recorded ones: a replay of them is refused.
 */
import { commentText, shellJson } from './code.js';
import { flowTitle } from './naming.js';
import { answerNote, Slot, slotsOf, type ExportPlan, type PasswordName } from './plan.js';

const PASSWORD_LINES: Record<PasswordName, string> = {
  PASSWORD: 'PASSWORD=${PASSWORD:?set PASSWORD: the password the flow sent (the sandbox masked it)}',
  NEW_PASSWORD: 'NEW_PASSWORD=${NEW_PASSWORD:?set NEW_PASSWORD: the new password the flow set (masked)}',
  WRONG_PASSWORD: "WRONG_PASSWORD=${WRONG_PASSWORD:-Not-The-Passw0rd-9!}  # the flow sent a wrong password",
  SHORT_PASSWORD: "SHORT_PASSWORD=${SHORT_PASSWORD:-x}  # the flow sent a password the policy refused",
};

const REMEMBER = `# Keeps what the next calls send back: the latest Session and tokens.
remember() {
  local value
  for pair in SESSION:.Session ACCESS_TOKEN:.AuthenticationResult.AccessToken REFRESH_TOKEN:.AuthenticationResult.RefreshToken USER_ID_FOR_SRP:.ChallengeParameters.USER_ID_FOR_SRP SECRET_CODE:.SecretCode; do
    value=$(jq -r "\${pair#*:} // empty" <<<"$1")
    if [ -n "$value" ]; then printf -v "\${pair%%:*}" '%s' "$value"; fi
  done
}`;

const shellWord = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlScript(plan: ExportPlan, sandboxUrl: string): string {
  const slots = plan.calls.flatMap((call) => slotsOf(call.request));
  const masked = [...new Set(slots.flatMap((s) => (s.placeholder.kind === 'masked' ? [s.placeholder.key.toUpperCase()] : [])))];
  const needsSecret = slots.some((s) => s.placeholder.kind === 'secretHash');
  const head = [
    '#!/usr/bin/env bash',
    `# Flow ${plan.flow.id}: ${commentText(flowTitle(plan.flow))}.`,
    '# Its calls as the client sent them, exported by Cognito Sandbox. Needs curl and jq (and openssl for SECRET_HASH).',
    '# The sandbox masked the secrets the client sent: set them first, e.g. PASSWORD=... bash this-file.sh',
    ...(plan.srp ? ['# SRP_A and the password claim are new each run: the recorded ones below are refused on replay.'] : []),
    'set -euo pipefail',
    '',
    `SANDBOX_URL=\${SANDBOX_URL:-${sandboxUrl}}`,
    ...(plan.flow.poolId ? [`POOL_ID=\${POOL_ID:-${plan.flow.poolId}}`] : []),
    ...(plan.flow.clientId ? [`CLIENT_ID=\${CLIENT_ID:-${plan.flow.clientId}}`] : []),
    ...plan.passwords.filter((name) => slots.some((s) => s.placeholder.kind === 'password' && s.placeholder.name === name)).map((name) => PASSWORD_LINES[name]),
    ...(needsSecret ? ['CLIENT_SECRET=${CLIENT_SECRET:?set CLIENT_SECRET: the app client\'s secret}'] : []),
    ...masked.map((name) => `${name}=\${${name}:?set ${name}: masked in the recording}`),
    'SESSION= ACCESS_TOKEN= REFRESH_TOKEN= USER_ID_FOR_SRP= SECRET_CODE=',
    '',
    REMEMBER,
  ];
  const body = plan.calls.flatMap((call, index) => {
    const before: string[] = [];
    const slotShell = (slot: Slot): string => {
      const p = slot.placeholder;
      switch (p.kind) {
        case 'poolId':
          return '${POOL_ID}';
        case 'clientId':
          return '${CLIENT_ID}';
        case 'password':
          return `\${${p.name}}`;
        case 'previous':
          return { Session: '${SESSION}', AccessToken: '${ACCESS_TOKEN}', RefreshToken: '${REFRESH_TOKEN}', USER_ID_FOR_SRP: '${USER_ID_FOR_SRP}' }[p.member];
        case 'code': {
          const query = `pool=\${POOL_ID}${p.to ? `&to=${encodeURIComponent(p.to)}` : ''}`;
          before.push(`CODE=$(curl -sS "$SANDBOX_URL/_sandbox/api/outbox?${query}" | jq -r '[.[] | select(.code)][-1].code')  # the code the sandbox sent${p.wrong ? ' (the flow sent a wrong one)' : ''}`);
          if (p.wrong) before.push('CODE=${CODE%?}$(( (${CODE: -1} + 1) % 10 ))  # a code that is not it');
          return '${CODE}';
        }
        case 'secretHash': {
          const username = p.username instanceof Slot ? slotShell(p.username) : String(p.username);
          before.push(`SECRET_HASH=$(printf '%s' "${username}\${CLIENT_ID}" | openssl dgst -sha256 -hmac "$CLIENT_SECRET" -binary | base64)`);
          return '${SECRET_HASH}';
        }
        case 'srp':
          return String(slot.recorded).replace(/[\\$`"]/g, (c) => `\\${c}`);
        case 'totp':
          // oathtool (Debian's oathtool package) computes the code for the key the previous answer gave.
          before.push(`TOTP_CODE=$(oathtool --totp --base32 "$SECRET_CODE")${p.wrong ? '; TOTP_CODE=${TOTP_CODE%?}$(( (${TOTP_CODE: -1} + 1) % 10 ))  # the flow sent a wrong code' : ''}`);
          return '${TOTP_CODE}';
        case 'masked':
          return `\${${p.key.toUpperCase()}}`;
      }
    };
    const json = shellJson(call.request, slotShell);
    return [
      '',
      `# ${index + 1}. ${call.operation} (answered ${commentText(answerNote(call))})`,
      ...before,
      `answer=$(curl -sS "$SANDBOX_URL/" \\`,
      "  -H 'Content-Type: application/x-amz-json-1.1' \\",
      `  -H ${shellWord(`X-Amz-Target: ${call.service}.${call.operation}`)} \\`,
      '  --data-binary @- <<JSON',
      json,
      'JSON',
      ')',
      'echo "$answer"',
      'remember "$answer"',
    ];
  });
  return `${[...head, ...body].join('\n')}\n`;
}
