import type {
  ExplicitAuthFlowsType,
  OAuthFlowType,
  PreventUserExistenceErrorTypes,
  RefreshTokenRotationType,
  TimeUnitsType,
  UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Db } from '../db.js';

/** An app client's settings as DescribeUserPoolClient shows them, minus identity, secret and dates. */
export type ClientSettings = Omit<
  UserPoolClientType,
  'UserPoolId' | 'ClientName' | 'ClientId' | 'ClientSecret' | 'CreationDate' | 'LastModifiedDate'
>;

/**
 * The settings with Cognito's defaults applied where DescribeUserPoolClient leaves a field out:
 * what sign-in, token issuing and the OAuth endpoints enforce.
 */
export interface ClientConfig extends ClientSettings {
  RefreshTokenValidity: number;
  AccessTokenValidity: number;
  IdTokenValidity: number;
  TokenValidityUnits: { AccessToken: TimeUnitsType; IdToken: TimeUnitsType; RefreshToken: TimeUnitsType };
  /** Without a list of its own, the client reads the standard attributes (the verified flags included). */
  ReadAttributes: string[];
  /** Without a list of its own, the client writes the standard attributes (not `sub` nor the verified flags). */
  WriteAttributes: string[];
  ExplicitAuthFlows: ExplicitAuthFlowsType[];
  SupportedIdentityProviders: string[];
  CallbackURLs: string[];
  LogoutURLs: string[];
  AllowedOAuthFlows: OAuthFlowType[];
  AllowedOAuthScopes: string[];
  AllowedOAuthFlowsUserPoolClient: boolean;
  PreventUserExistenceErrors: PreventUserExistenceErrorTypes;
  EnableTokenRevocation: boolean;
  EnablePropagateAdditionalUserContextData: boolean;
  /** Minutes a sign-in session (a challenge's `Session`) lives. */
  AuthSessionValidity: number;
  RefreshTokenRotation: Required<RefreshTokenRotationType>;
}

/** A user pool app client as stored. */
export interface AppClient {
  clientId: string;
  poolId: string;
  name: string;
  /** Absent for a public client. */
  secret?: string;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
  /** What DescribeUserPoolClient shows. */
  settings: ClientSettings;
  /** The settings with defaults applied: what the other areas enforce. */
  config: ClientConfig;
  /** Token lifetimes in seconds, from the validities and their units. */
  tokenLifetimes: { access: number; id: number; refresh: number };
}

export type NewAppClient = Omit<AppClient, 'config' | 'tokenLifetimes'>;

/** Cognito's standard attributes, as DescribeUserPool lists them. */
export const STANDARD_ATTRIBUTES: readonly string[] = Object.freeze([
  'sub',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'email_verified',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
]);

/** Attributes only Cognito (or an administrator) sets: no app client may write them. */
export const UNWRITABLE_ATTRIBUTES: ReadonlySet<string> = new Set(['sub', 'email_verified', 'phone_number_verified']);

export const DEFAULT_EXPLICIT_AUTH_FLOWS: readonly ExplicitAuthFlowsType[] = Object.freeze([
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_CUSTOM_AUTH',
]);

export const DEFAULT_REFRESH_TOKEN_VALIDITY = 30;

const SECONDS_PER_UNIT: Record<TimeUnitsType, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** The validity units, each defaulted as Cognito does: hours for access and ID tokens, days for refresh tokens. */
export function validityUnits(units: ClientSettings['TokenValidityUnits']): ClientConfig['TokenValidityUnits'] {
  return {
    AccessToken: units?.AccessToken ?? 'hours',
    IdToken: units?.IdToken ?? 'hours',
    RefreshToken: units?.RefreshToken ?? 'days',
  };
}

export function toSeconds(value: number, unit: TimeUnitsType): number {
  return value * SECONDS_PER_UNIT[unit];
}

/** Seconds each token lives. */
export function tokenLifetimes(config: ClientConfig): AppClient['tokenLifetimes'] {
  const units = config.TokenValidityUnits;
  return {
    access: toSeconds(config.AccessTokenValidity, units.AccessToken),
    id: toSeconds(config.IdTokenValidity, units.IdToken),
    refresh: toSeconds(config.RefreshTokenValidity, units.RefreshToken),
  };
}

/**
 * The settings with every default applied that DescribeUserPoolClient leaves implicit. An access
 * or ID token without a validity of its own is given Cognito's one hour, in hours.
 */
export function effectiveConfig(settings: ClientSettings): ClientConfig {
  const units = validityUnits(settings.TokenValidityUnits);
  return {
    ...settings,
    RefreshTokenValidity: settings.RefreshTokenValidity ?? DEFAULT_REFRESH_TOKEN_VALIDITY,
    AccessTokenValidity: settings.AccessTokenValidity ?? 1,
    IdTokenValidity: settings.IdTokenValidity ?? 1,
    TokenValidityUnits: {
      AccessToken: settings.AccessTokenValidity ? units.AccessToken : 'hours',
      IdToken: settings.IdTokenValidity ? units.IdToken : 'hours',
      RefreshToken: units.RefreshToken,
    },
    ReadAttributes: settings.ReadAttributes ?? [...STANDARD_ATTRIBUTES],
    WriteAttributes: settings.WriteAttributes ?? STANDARD_ATTRIBUTES.filter((name) => !UNWRITABLE_ATTRIBUTES.has(name)),
    ExplicitAuthFlows: settings.ExplicitAuthFlows ?? [...DEFAULT_EXPLICIT_AUTH_FLOWS],
    SupportedIdentityProviders: settings.SupportedIdentityProviders ?? [],
    CallbackURLs: settings.CallbackURLs ?? [],
    LogoutURLs: settings.LogoutURLs ?? [],
    AllowedOAuthFlows: settings.AllowedOAuthFlows ?? [],
    AllowedOAuthScopes: settings.AllowedOAuthScopes ?? [],
    AllowedOAuthFlowsUserPoolClient: settings.AllowedOAuthFlowsUserPoolClient ?? false,
    PreventUserExistenceErrors: settings.PreventUserExistenceErrors ?? 'LEGACY',
    EnableTokenRevocation: settings.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: settings.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: settings.AuthSessionValidity ?? 3,
    RefreshTokenRotation: {
      Feature: settings.RefreshTokenRotation?.Feature ?? 'DISABLED',
      RetryGracePeriodSeconds: settings.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0,
    },
  };
}

interface Row {
  client_id: string;
  pool_id: string;
  name: string;
  secret: string | null;
  created: number;
  modified: number;
  config: string;
}

function fromRow(row: Row): AppClient {
  const settings: ClientSettings = JSON.parse(row.config);
  const config = effectiveConfig(settings);
  return {
    clientId: row.client_id,
    poolId: row.pool_id,
    name: row.name,
    ...(row.secret !== null && { secret: row.secret }),
    created: row.created,
    modified: row.modified,
    settings,
    config,
    tokenLifetimes: tokenLifetimes(config),
  };
}

export interface AppClientPage {
  clients: AppClient[];
  /** Present when more clients follow. */
  nextToken?: string;
}

/** Where a page starts: after this client, in creation order. */
interface PagePosition {
  created: number;
  clientId: string;
}

function positionToken(poolId: string, client: AppClient): string {
  return Buffer.from(JSON.stringify([poolId, client.created, client.clientId]), 'utf8').toString('base64url');
}

function positionFromToken(poolId: string, token: string): PagePosition | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) return undefined;
  const [tokenPool, created, clientId] = decoded;
  if (tokenPool !== poolId || typeof created !== 'number' || typeof clientId !== 'string') return undefined;
  return { created, clientId };
}

export class AppClientsRepository {
  constructor(private readonly db: Db) {}

  insert(client: NewAppClient): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO app_clients (client_id, pool_id, name, secret, created, modified, config) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [client.clientId, client.poolId, client.name, client.secret ?? null, client.created, client.modified, JSON.stringify(client.settings)],
      ),
    );
  }

  /** Writes the client's name, settings and modification time; the secret never changes. */
  save(client: NewAppClient): void {
    this.db.write((tx) =>
      tx.run('UPDATE app_clients SET name = ?, modified = ?, config = ? WHERE client_id = ?', [
        client.name,
        client.modified,
        JSON.stringify(client.settings),
        client.clientId,
      ]),
    );
  }

  /** The client, whichever pool it belongs to. */
  findById(clientId: string): AppClient | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM app_clients WHERE client_id = ?', [clientId]));
    return row && fromRow(row);
  }

  delete(clientId: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM app_clients WHERE client_id = ?', [clientId])) > 0;
  }

  /**
   * The pool's clients in creation order. `afterToken` is a `nextToken` this method returned for
   * the same pool; any other token gives `undefined`.
   */
  listPage(poolId: string, limit: number, afterToken?: string): AppClientPage | undefined {
    const after = afterToken === undefined ? undefined : positionFromToken(poolId, afterToken);
    if (afterToken !== undefined && !after) return undefined;
    const rows = this.db.read((tx) =>
      after
        ? tx.all<Row>(
            'SELECT * FROM app_clients WHERE pool_id = ? AND (created > ? OR (created = ? AND client_id > ?)) ORDER BY created, client_id LIMIT ?',
            [poolId, after.created, after.created, after.clientId, limit + 1],
          )
        : tx.all<Row>('SELECT * FROM app_clients WHERE pool_id = ? ORDER BY created, client_id LIMIT ?', [poolId, limit + 1]),
    );
    const clients = rows.slice(0, limit).map(fromRow);
    if (rows.length <= limit) return { clients };
    return { clients, nextToken: positionToken(poolId, clients[clients.length - 1]!) };
  }
}
