/**
 * Cognito's rules for a user import CSV file, from the guide's "Creating the user import CSV
 * file": the header GetCSVHeader gives (every column present, in any order, nothing else), and
 * for each line the user it describes or why that line fails or is skipped. Results are worded
 * as the job's CloudWatch log words them ("[FAILED] Line Number 5956 - The User Record does not
 * set any of the auto verified attributes to true. ...").
 *
 * Assumptions (the guide is silent): custom attributes come after `updated_at` in the header and
 * developer-only attributes are not importable; `birthdate` is checked to be mm/dd/yyyy and kept
 * as written; `cognito:mfa_enabled` true turns SMS MFA on for the user (the legacy MFA option the
 * column stands for); a line that breaks the schema or an alias fails, one whose username exists
 * is skipped. Wording beyond the guide's own lines is the sandbox's.
 */
import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser, UserAttribute, UserMfaSettings } from '../../store/repositories/users.js';
import { checkNewUserAttributes } from '../attributes.js';
import { CognitoError } from '../errors.js';
import { schemaOf } from '../pool-config.js';
import { newUsername, usernameKeyOf } from '../usernames.js';
import { STANDARD_ATTRIBUTE_NAMES } from '../../../shared/standard-attributes.js';

/** GetCSVHeader's standard columns, in its order: the standard attributes but `sub`. */
const STANDARD_COLUMNS = STANDARD_ATTRIBUTE_NAMES.filter((name) => name !== 'sub');

const MFA_ENABLED = 'cognito:mfa_enabled';
const USERNAME = 'cognito:username';

/** The guide's limits: a line of at most 16,000 characters, a file of 100 MB, 500,000 users. */
export const MAX_LINE_CHARACTERS = 16_000;
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_USERS = 500_000;

export const NO_AUTO_VERIFIED_ATTRIBUTE =
  'The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).';
export const USER_EXISTS = 'The user already exists.';
export const IMPORT_SUCCEEDED = 'The import succeeded.';

/** The header of the pool's import file: GetCSVHeader's answer. */
export function csvHeaderOf(pool: UserPool): string[] {
  const custom = schemaOf(pool)
    .map((attribute) => attribute.Name!)
    .filter((name) => name.startsWith('custom:'));
  return [...STANDARD_COLUMNS, ...custom, MFA_ENABLED, USERNAME];
}

/** Why a file's header cannot be used for the pool, or undefined when it can. */
export function headerProblem(pool: UserPool, header: readonly string[]): string | undefined {
  const expected = new Set(csvHeaderOf(pool));
  const given = new Set<string>();
  const duplicated: string[] = [];
  for (const column of header) {
    if (given.has(column)) duplicated.push(column);
    given.add(column);
  }
  const missing = [...expected].filter((column) => !given.has(column));
  const unknown = [...given].filter((column) => !expected.has(column));
  const problems = [
    missing.length > 0 && `missing column(s) ${missing.join(', ')}`,
    unknown.length > 0 && `column(s) not in the user pool's header ${unknown.join(', ')}`,
    duplicated.length > 0 && `repeated column(s) ${duplicated.join(', ')}`,
  ].filter(Boolean);
  return problems.length > 0 ? `The CSV header does not match the header of the user pool (GetCSVHeader): ${problems.join('; ')}.` : undefined;
}

/** A line's result: the user to create, or why it is not imported. */
export type LineVerdict = { result: 'import'; user: StoredUser } | { result: 'FAILED' | 'SKIPPED'; reason: string };

const fail = (reason: string): LineVerdict => ({ result: 'FAILED', reason });

/**
 * Cognito asks for a backslash before a comma inside a value (values are not quoted): the parser
 * splits there, so a field ending in a backslash is joined back to the next one.
 */
export function joinEscapedCommas(fields: readonly string[]): string[] {
  const joined: string[] = [];
  let pending: string | undefined;
  for (const field of fields) {
    const value = pending === undefined ? field : `${pending},${field}`;
    if (value.endsWith('\\')) pending = value.slice(0, -1);
    else {
      joined.push(value);
      pending = undefined;
    }
  }
  if (pending !== undefined) joined.push(`${pending}\\`);
  return joined;
}

function booleanValue(value: string): boolean | undefined {
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  return undefined;
}

function mfaProblem(pool: UserPool, value: string): string | undefined {
  const enabled = booleanValue(value);
  if (enabled === undefined) return `${MFA_ENABLED} must be true or false.`;
  const mode = pool.config.MfaConfiguration ?? 'OFF';
  if (mode === 'ON' && !enabled) return `${MFA_ENABLED} must be true for every user: the user pool requires MFA.`;
  if (mode === 'OFF' && enabled) return `${MFA_ENABLED} must be false for every user: MFA is off in the user pool.`;
  return undefined;
}

function usernameProblem(value: string): string | undefined {
  if (value === '') return `The ${USERNAME} field is required.`;
  if (/[ \t]/.test(value)) return `The ${USERNAME} value cannot contain spaces or tabs.`;
  if ([...value].length > 128) return `The ${USERNAME} value must be at most 128 characters long.`;
  return undefined;
}

function isCalendarDate(month: number, day: number, year: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The formats the guide sets for some columns. */
function formatProblem(values: ReadonlyMap<string, string>): string | undefined {
  for (const flag of ['email_verified', 'phone_number_verified']) {
    const value = values.get(flag) ?? '';
    if (value !== '' && booleanValue(value) === undefined) return `${flag} must be true or false.`;
  }
  const birthdate = values.get('birthdate') ?? '';
  const parts = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(birthdate);
  if (birthdate !== '' && (!parts || !isCalendarDate(Number(parts[1]), Number(parts[2]), Number(parts[3])))) {
    return 'birthdate must be a date in the format mm/dd/yyyy.';
  }
  const updatedAt = values.get('updated_at') ?? '';
  if (updatedAt !== '' && !/^\d{1,12}$/.test(updatedAt)) return 'updated_at must be a time in epoch seconds.';
  return undefined;
}

/** At least one of the pool's auto-verified attributes must be true for each user. */
function autoVerifiedProblem(pool: UserPool, values: ReadonlyMap<string, string>): string | undefined {
  const autoVerified = pool.config.AutoVerifiedAttributes ?? [];
  const verified = autoVerified.some((attribute) => booleanValue(values.get(`${attribute}_verified`) ?? '') === true);
  return verified ? undefined : NO_AUTO_VERIFIED_ATTRIBUTE;
}

/** A pool that signs in with email or phone: cognito:username names that attribute, and the column may only repeat it. */
function attributesWithUsername(given: AttributeType[], usernameAttribute: UserAttribute | undefined): AttributeType[] | string {
  if (!usernameAttribute) return given;
  const column = given.find((attribute) => attribute.Name === usernameAttribute.Name);
  if (column && column.Value !== '' && column.Value !== usernameAttribute.Value) {
    return `${usernameAttribute.Name} must be empty or equal to ${USERNAME} in a user pool that signs in with ${usernameAttribute.Name}.`;
  }
  return [...given.filter((attribute) => attribute.Name !== usernameAttribute.Name), usernameAttribute];
}

function mfaSettings(pool: UserPool, values: ReadonlyMap<string, string>): UserMfaSettings | undefined {
  return booleanValue(values.get(MFA_ENABLED) ?? '') === true && pool.config.MfaConfiguration !== 'OFF' ? { enabled: ['SMS_MFA'] } : undefined;
}

export interface LineContext {
  pool: UserPool;
  header: readonly string[];
  /** Whether a user of that username key already exists in the pool. */
  exists(usernameKey: string): boolean;
  sub: () => string;
  now: number;
}

/** The verdict on one line's values (already split, escaped commas joined). */
export function judgeLine(context: LineContext, fields: readonly string[], rawLength: number): LineVerdict {
  const { pool, header } = context;
  if (rawLength > MAX_LINE_CHARACTERS) return fail(`The line is longer than ${MAX_LINE_CHARACTERS.toLocaleString('en-US')} characters.`);
  if (fields.length !== header.length) {
    return fail(`The line has ${fields.length} values where the header has ${header.length} columns.`);
  }
  const values = new Map(header.map((column, index) => [column, fields[index]!.trim()]));
  const requested = values.get(USERNAME)!;
  const problem = usernameProblem(requested) ?? mfaProblem(pool, values.get(MFA_ENABLED)!) ?? formatProblem(values) ?? autoVerifiedProblem(pool, values);
  if (problem) return fail(problem);

  const sub = context.sub();
  let username: string;
  let attributes: UserAttribute[];
  try {
    const named = newUsername(pool, requested, sub);
    const given = attributesWithUsername(
      header.filter((column) => column !== USERNAME && column !== MFA_ENABLED).map((column) => ({ Name: column, Value: values.get(column)! })),
      named.attribute,
    );
    if (typeof given === 'string') return fail(given);
    username = named.username;
    attributes = checkNewUserAttributes(pool, given, { writer: 'admin', requireRequired: true });
  } catch (error) {
    if (error instanceof CognitoError) return fail(error.message.trim());
    throw error;
  }
  const usernameKey = usernameKeyOf(pool, username);
  if (context.exists(usernameKey)) return { result: 'SKIPPED', reason: USER_EXISTS };
  const mfa = mfaSettings(pool, values);
  return {
    result: 'import',
    user: {
      poolId: pool.id,
      username,
      usernameKey,
      sub,
      status: 'RESET_REQUIRED',
      enabled: true,
      created: context.now,
      modified: context.now,
      attributes: [{ Name: 'sub', Value: sub }, ...attributes],
      ...(mfa && { mfa }),
      extra: {},
    },
  };
}
