import type { SqlValue } from 'sql.js';
import type { Db } from '../db.js';

export interface UserAttribute {
  Name: string;
  Value: string;
}

/** A password as kept: never the password itself, only its SRP salt and verifier. */
export interface StoredPassword {
  /** 16 random bytes, hex: the SALT sent to clients. */
  salt: string;
  /** v = g^x mod N, hex (padHex). */
  verifier: string;
  /** Epoch ms after which a temporary password no longer signs in; absent for permanent ones. */
  expires?: number;
}

/** The TOTP authenticator a user signs in with: one VerifySoftwareToken accepted a code from. */
export interface StoredSoftwareToken {
  /** The shared secret, base32. */
  secret: string;
  /** Epoch ms of the verification. */
  verified: number;
  /** Epoch ms of the AssociateSoftwareToken that handed the secret out (absent on tokens verified before it was kept). */
  associated?: number;
  friendlyDeviceName?: string;
  /** The 30-second step of the last code accepted: no code of that step or before is accepted again. */
  lastUsedStep?: number;
}

/** A secret AssociateSoftwareToken handed out, waiting for VerifySoftwareToken. */
export interface PendingSoftwareToken {
  secret: string;
  /** Epoch ms. */
  associated: number;
}

/** The MFA factors a user has turned on, the preferred one, and their software tokens. */
export interface UserMfaSettings {
  /** 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP' */
  enabled: string[];
  preferred?: string;
  /** The token in use. Absent in rows written before software tokens existed. */
  softwareToken?: StoredSoftwareToken;
  /** A newer secret not verified yet; it replaces softwareToken once verified. */
  pendingSoftwareToken?: PendingSoftwareToken;
}

/** A one-time code the user was sent and may answer with. */
export interface PendingCode {
  code: string;
  /** Epoch milliseconds. */
  expires: number;
}

/** State other flows keep on a user; each area adds its own optional members. */
export interface UserExtra {
  /** The code AdminResetUserPassword / ForgotPassword sent, for ConfirmForgotPassword. */
  passwordResetCode?: PendingCode;
  [key: string]: unknown;
}

/** A user as stored. */
export interface StoredUser {
  poolId: string;
  /** The username as created (case preserved). */
  username: string;
  /** The lookup key: the username, lower-cased when the pool is case-insensitive. */
  usernameKey: string;
  sub: string;
  /** UNCONFIRMED | CONFIRMED | EXTERNAL_PROVIDER | RESET_REQUIRED | FORCE_CHANGE_PASSWORD | ... */
  status: string;
  enabled: boolean;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
  /** Attributes in the order Cognito returns them, `sub` first. */
  attributes: UserAttribute[];
  password?: StoredPassword;
  /** Epoch ms of the last password change. */
  passwordChanged?: number;
  mfa?: UserMfaSettings;
  extra: UserExtra;
}

/** Attributes ListUsers can filter on, each kept in its own indexed column. */
export const SEARCHABLE_ATTRIBUTES = ['email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username'] as const;
export type SearchableAttribute = (typeof SEARCHABLE_ATTRIBUTES)[number];

/** Columns a user listing can be ordered and bounded by: each has a `(pool_id, column, username_key)` index (sub, unique, a `(pool_id, sub)` one). */
export type UserSortColumn = SearchableAttribute | 'username_key' | 'sub' | 'status' | 'enabled';

/**
 * A slice of a pool's users in `column` order: those whose column equals `equals`, or starts
 * with `prefix`, or (neither given, for the columns every user has a value in: username_key,
 * sub, status, enabled) every user.
 */
export interface UserRange {
  column: UserSortColumn;
  equals?: string | number;
  prefix?: string;
}

/** Where the previous page ended: the last user's sort value and key. */
export interface UserCursor {
  value: string | number;
  key: string;
}

export interface UserPage {
  users: StoredUser[];
  /** Present when more users may follow. */
  next?: UserCursor;
}

/** Searchable values are kept lower-cased: Cognito's searches on them ignore case. */
export function searchKey(value: string): string {
  return value.toLowerCase();
}

/** The greatest code point: any string that starts with a prefix sorts below prefix + this. */
const PREFIX_CEILING = '\u{10FFFF}';

interface Row {
  pool_id: string;
  username_key: string;
  username: string;
  sub: string;
  status: string;
  enabled: number;
  created: number;
  modified: number;
  attributes: string;
  password: string | null;
  password_changed: number | null;
  mfa: string | null;
  extra: string;
  [column: string]: SqlValue;
}

/** `salt:verifier-in-base64[:expires]`: a third of the verifier's hex size, in every row. */
function encodePassword(password: StoredPassword | undefined): string | null {
  if (!password) return null;
  const verifier = Buffer.from(password.verifier, 'hex').toString('base64');
  return password.expires === undefined ? `${password.salt}:${verifier}` : `${password.salt}:${verifier}:${password.expires}`;
}

function decodePassword(text: string | null): StoredPassword | undefined {
  if (!text) return undefined;
  const [salt, verifier, expires] = text.split(':');
  return {
    salt: salt!,
    verifier: Buffer.from(verifier!, 'base64').toString('hex'),
    ...(expires !== undefined && { expires: Number(expires) }),
  };
}

/**
 * Attributes as `{"name":"value",...}` in their order, `sub` left out (it has its own column and
 * always comes first): every byte of a row counts a hundred thousand times.
 */
function encodeAttributes(attributes: readonly UserAttribute[]): string {
  const values: Record<string, string> = {};
  for (const attribute of attributes) if (attribute.Name !== 'sub') values[attribute.Name] = attribute.Value;
  return JSON.stringify(values);
}

function decodeAttributes(sub: string, text: string): UserAttribute[] {
  const values = JSON.parse(text) as Record<string, string>;
  return [{ Name: 'sub', Value: sub }, ...Object.entries(values).map(([Name, Value]) => ({ Name, Value }))];
}

/** A users row as a StoredUser (for repositories that join users, such as group members). */
export function userFromRow(row: Row): StoredUser {
  const password = decodePassword(row.password);
  return {
    poolId: row.pool_id,
    username: row.username,
    usernameKey: row.username_key,
    sub: row.sub,
    status: row.status,
    enabled: row.enabled === 1,
    created: row.created,
    modified: row.modified,
    attributes: decodeAttributes(row.sub, row.attributes),
    ...(password && { password }),
    ...(row.password_changed !== null && { passwordChanged: row.password_changed }),
    ...(row.mfa !== null && { mfa: JSON.parse(row.mfa) }),
    extra: JSON.parse(row.extra),
  };
}

function attributeValue(user: StoredUser, name: string): string | undefined {
  return user.attributes.find((a) => a.Name === name)?.Value;
}

/** The indexed columns, derived from the attributes so they can never disagree. */
function derivedColumns(user: StoredUser): SqlValue[] {
  return [
    ...SEARCHABLE_ATTRIBUTES.map((name) => {
      const value = attributeValue(user, name);
      return value === undefined ? null : searchKey(value);
    }),
    attributeValue(user, 'email_verified') === 'true' ? 1 : 0,
    attributeValue(user, 'phone_number_verified') === 'true' ? 1 : 0,
  ];
}

function writableColumns(user: StoredUser): SqlValue[] {
  return [
    user.username,
    user.sub,
    user.status,
    user.enabled ? 1 : 0,
    user.created,
    user.modified,
    encodeAttributes(user.attributes),
    ...derivedColumns(user),
    encodePassword(user.password),
    user.passwordChanged ?? null,
    user.mfa ? JSON.stringify(user.mfa) : null,
    JSON.stringify(user.extra),
  ];
}

const INSERT = `INSERT INTO users (pool_id, username_key, username, sub, status, enabled, created, modified, attributes,
  email, phone_number, name, given_name, family_name, preferred_username, email_verified, phone_number_verified,
  password, password_changed, mfa, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const UPDATE = `UPDATE users SET username = ?, sub = ?, status = ?, enabled = ?, created = ?, modified = ?, attributes = ?,
  email = ?, phone_number = ?, name = ?, given_name = ?, family_name = ?, preferred_username = ?, email_verified = ?,
  phone_number_verified = ?, password = ?, password_changed = ?, mfa = ?, extra = ? WHERE pool_id = ? AND username_key = ?`;

/** Columns that may bound a listing; anything else never reaches SQL. */
const SORT_COLUMNS: ReadonlySet<UserSortColumn> = new Set<UserSortColumn>([...SEARCHABLE_ATTRIBUTES, 'username_key', 'sub', 'status', 'enabled']);

export class UsersRepository {
  constructor(private readonly db: Db) {}

  insert(user: StoredUser): void {
    this.db.write((tx) => tx.run(INSERT, [user.poolId, user.usernameKey, ...writableColumns(user)]));
  }

  /** Writes every field of an existing user (found by pool and username key). */
  save(user: StoredUser): void {
    this.db.write((tx) => tx.run(UPDATE, [...writableColumns(user), user.poolId, user.usernameKey]));
  }

  /** Deletes the user and, by cascade, its group memberships. */
  delete(poolId: string, usernameKey: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM users WHERE pool_id = ? AND username_key = ?', [poolId, usernameKey])) > 0;
  }

  findByKey(poolId: string, usernameKey: string): StoredUser | undefined {
    return this.one('SELECT * FROM users WHERE pool_id = ? AND username_key = ?', [poolId, usernameKey]);
  }

  findBySub(poolId: string, sub: string): StoredUser | undefined {
    return this.one('SELECT * FROM users WHERE pool_id = ? AND sub = ?', [poolId, sub.toLowerCase()]);
  }

  /**
   * Users whose `attribute` is `value` (ignoring case), optionally only those who verified it:
   * the candidates for an alias or a username attribute.
   */
  findByAttribute(poolId: string, attribute: 'email' | 'phone_number' | 'preferred_username', value: string, verifiedOnly = false): StoredUser[] {
    const verified = verifiedOnly && attribute !== 'preferred_username' ? ` AND ${attribute}_verified = 1` : '';
    return this.db
      .read((tx) => tx.all<Row>(`SELECT * FROM users WHERE pool_id = ? AND ${attribute} = ?${verified}`, [poolId, searchKey(value)]))
      .map(userFromRow);
  }

  /** One page of a pool's users in `range.column` order (then username key), after `after`. */
  list(poolId: string, range: UserRange | undefined, limit: number, after?: UserCursor): UserPage {
    const { sql, params } = listQuery(poolId, range, limit + 1, after);
    const rows = this.db.read((tx) => tx.all<Row>(sql, params));
    const users = rows.slice(0, limit).map(userFromRow);
    if (rows.length <= limit) return { users };
    const last = rows[limit - 1]!;
    return { users, next: { value: last[range?.column ?? 'username_key'] as string | number, key: last.username_key } };
  }

  private one(sql: string, params: SqlValue[]): StoredUser | undefined {
    const row = this.db.read((tx) => tx.get<Row>(sql, params));
    return row && userFromRow(row);
  }
}

/**
 * The statement behind `list`: a range over one `(pool_id, column, username_key)` index with a
 * keyset bound, so a page costs the same at any depth and never scans the pool.
 */
export function listQuery(poolId: string, range: UserRange | undefined, limit: number, after?: UserCursor): { sql: string; params: SqlValue[] } {
  const column = range?.column ?? 'username_key';
  if (!SORT_COLUMNS.has(column)) throw new Error(`not a sortable users column: ${column}`);
  const where = ['pool_id = ?'];
  const params: SqlValue[] = [poolId];
  // Each bound is written so that SQLite can seek the index to it: a keyset bound replaces the
  // range's lower bound rather than being checked row by row after it.
  if (range?.equals !== undefined) {
    where.push(`${column} = ?`);
    params.push(range.equals);
  } else if (range?.prefix !== undefined) {
    where.push(`${column} < ?`);
    params.push(range.prefix + PREFIX_CEILING);
    if (!after) {
      where.push(`${column} >= ?`);
      params.push(range.prefix);
    }
  }
  if (after && (column === 'username_key' || range?.equals !== undefined)) {
    where.push('username_key > ?');
    params.push(after.key);
  } else if (after && column === 'sub') {
    where.push('sub > ?');
    params.push(after.value);
  } else if (after) {
    where.push(`(${column}, username_key) > (?, ?)`);
    params.push(after.value, after.key);
  }
  const order = column === 'username_key' || column === 'sub' ? column : `${column}, username_key`;
  return { sql: `SELECT * FROM users WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`, params: [...params, limit] };
}
