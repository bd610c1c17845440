/**
 * Temporary AWS credentials for an identity and a role, shaped as STS makes them: an access key id
 * `ASIA` + 16 upper-case letters and digits, a 40-character secret key, a long opaque session token,
 * an expiration in whole seconds; the assumed role `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`
 * with its id `AROA…:SESSION`. Nothing AWS would accept: they exist so that apps and SDKs run and so
 * that a request signed with them (GetCallerIdentity, the window) can be traced back to who got them.
 *
 * The store keeps the session token's hash only, never the secret key; expired credentials are
 * forgotten whenever new ones are issued.
 *
 * Assumptions: the account of the assumed role is the role ARN's (the sandbox's own when the ARN
 * names none); a role's id (`AROA` + 17 characters) is derived from its ARN, so one role always has
 * the same id, as an IAM role does.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { BaseServices } from '../../base-services.js';
import type { Store } from '../../store/index.js';
import type { CredentialsVia, IssuedCredentialsRecord } from '../../store/repositories/issued-credentials.js';
import type { IssuedCredentials } from './types.js';

export type { CredentialsVia, IssuedCredentialsRecord };

export type CredentialsServices = Pick<BaseServices, 'store' | 'clock' | 'bus' | 'options'>;

export interface CredentialsGrant {
  /** null when no identity pool is known (STS with a token of another issuer). */
  identityPoolId: string | null;
  identityId: string;
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  principalTags?: Record<string, string>;
  via: CredentialsVia;
  flowId?: string;
}

export interface GrantedCredentials {
  credentials: IssuedCredentials;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE_NAME/SESSION_NAME`. */
  assumedRoleArn: string;
  /** `AROA…:SESSION_NAME`. */
  assumedRoleId: string;
}

/** Base32, as AWS access key ids and role ids are written. */
const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SESSION_TOKEN_BYTES = 512;
const ROLE_ARN = /^arn:[\w-]+:iam::(\d{12})?:role\/(?:[^/]*\/)*([^/]+)$/;

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function hashSessionToken(sessionToken: string): string {
  return createHash('sha256').update(sessionToken).digest('hex');
}

/** The role's name and account, read from its ARN (`arn:aws:iam::123456789012:role/path/Name`). */
function roleOf(roleArn: string, fallbackAccount: string): { account: string; name: string } {
  const match = ROLE_ARN.exec(roleArn);
  return { account: match?.[1] ?? fallbackAccount, name: match?.[2] ?? roleArn.slice(roleArn.lastIndexOf('/') + 1) };
}

/** `AROA` + 17 base32 characters, the same for the same role. */
function roleId(roleArn: string): string {
  const digest = createHash('sha256').update(roleArn).digest();
  let id = 'AROA';
  for (let i = 0; i < 17; i++) id += KEY_ID_ALPHABET[digest[i]! % KEY_ID_ALPHABET.length];
  return id;
}

export function issueCredentials(services: CredentialsServices, grant: CredentialsGrant): GrantedCredentials {
  const now = services.clock.now();
  const role = roleOf(grant.roleArn, services.options.accountId);
  const credentials: IssuedCredentials = {
    AccessKeyId: `ASIA${randomString(KEY_ID_ALPHABET, 16)}`,
    SecretKey: randomString(SECRET_ALPHABET, 40),
    SessionToken: randomBytes(SESSION_TOKEN_BYTES).toString('base64'),
    Expiration: Math.floor(now / 1000) * 1000 + grant.durationSeconds * 1000,
  };
  const assumedRoleArn = `arn:aws:sts::${role.account}:assumed-role/${role.name}/${grant.sessionName}`;
  const assumedRoleId = `${roleId(grant.roleArn)}:${grant.sessionName}`;
  const principalTags = grant.principalTags ?? {};
  services.store.transaction(() => {
    services.store.issuedCredentials.pruneExpired(now);
    services.store.issuedCredentials.insert({
      accessKeyId: credentials.AccessKeyId,
      identityId: grant.identityId,
      identityPoolId: grant.identityPoolId,
      roleArn: grant.roleArn,
      assumedRoleArn,
      assumedRoleId,
      via: grant.via,
      sessionTokenHash: hashSessionToken(credentials.SessionToken),
      principalTags,
      expires: credentials.Expiration,
      created: now,
    });
  });
  services.bus.publish(
    'identity.credentialsIssued',
    {
      identityPoolId: grant.identityPoolId,
      identityId: grant.identityId,
      via: grant.via,
      roleArn: grant.roleArn,
      assumedRoleArn,
      accessKeyId: credentials.AccessKeyId,
      expiration: credentials.Expiration,
      ...(Object.keys(principalTags).length > 0 && { principalTags }),
    },
    { flowId: grant.flowId, poolId: grant.identityPoolId },
  );
  return { credentials, assumedRoleArn, assumedRoleId };
}

/** The credentials issued under an access key id, expired or not (the caller tells them apart by `expires`). */
export function findCredentials(store: Store, accessKeyId: string): IssuedCredentialsRecord | undefined {
  return store.issuedCredentials.find(accessKeyId);
}
