/**
 * The identity flow's effects, built once per sandbox. Each step reads the identity pool as stored
 * now and leaves Cognito's rules to cognito/identity/: the login checks, the identity's linking
 * and merging, the role choice, the OpenID token and the credentials.
 */
import { fromPromise } from 'xstate';
import type { BaseServices } from '../../base-services.js';
import { CognitoError, InvalidParameterException, NotAuthorizedException } from '../../cognito/errors.js';
import { issueCredentials } from '../../cognito/identity/credentials.js';
import { requireIdentity, resolveDeveloperIdentity, resolveIdentity } from '../../cognito/identity/identities.js';
import { requireIdentityPool } from '../../cognito/identity/identity-pools.js';
import { checkLogins } from '../../cognito/identity/logins.js';
import { COGNITO_IDENTITY_PROVIDER, signOpenIdToken, verifyWebIdentityToken } from '../../cognito/identity/openid-token.js';
import { chooseRole, principalTagsFor, roleMappingOf } from '../../cognito/identity/role-mapping.js';
import { FederationRecord } from '../../cognito/federation/federation-record.js';
import type { IdentityPool, StoredIdentity, VerifiedLogin } from '../../cognito/identity/types.js';
import type { WebIdentityCredentials } from './types.js';
import type { ChosenRole, CredentialsInput, IdentityStep, OpenIdTokenInput, ResolvedIdentity, ResolveInput, RoleInput } from './machine.js';

export type IdentityFlowServices = BaseServices;

/** GetCredentialsForIdentity's credentials last an hour, as Cognito's do. */
const CREDENTIALS_SECONDS = 3600;
/** GetOpenIdToken's token lasts ten minutes; the developer call's defaults to fifteen. */
const OPENID_TOKEN_SECONDS = 600;
const DEVELOPER_TOKEN_SECONDS = 900;
const ENHANCED_FLOW_SESSION = 'CognitoIdentityCredentials';

const isAuthenticated = (identity: StoredIdentity) => identity.logins.length > 0;

const resolved = (identity: StoredIdentity): ResolvedIdentity => ({
  identityPoolId: identity.IdentityPoolId,
  identityId: identity.IdentityId,
  authenticated: isAuthenticated(identity),
});

/** The `amr` of an OpenID token: how the identity signed in, as Cognito Identity writes it. */
function authenticationMethods(identity: ResolvedIdentity, verified: VerifiedLogin[], developer?: { provider: string; userId: string }): string[] {
  if (!identity.authenticated) return ['unauthenticated'];
  const methods = ['authenticated'];
  if (developer) methods.push(developer.provider, `${developer.provider}:${identity.identityPoolId}:${developer.userId}`);
  for (const login of verified) {
    methods.push(login.provider, login.kind === 'cognito' ? `${login.provider}:CognitoSignIn:${login.subject}` : `${login.provider}:${login.subject}`);
  }
  return methods;
}

export function identityActors(services: IdentityFlowServices) {
  const { store } = services;

  /** The pool a step works in: named by the call, or the pool of the identity it names. */
  function poolOf(step: IdentityStep): IdentityPool {
    const { context } = step;
    if (context.identityPoolId) return requireIdentityPool(store, context.identityPoolId);
    return requireIdentityPool(store, requireIdentity(store, context.identityId!).IdentityPoolId);
  }

  /** The developer call's own login: the developer provider's user identifier, not a token. */
  function developerLogin(step: IdentityStep, pool: IdentityPool): { provider: string; userId: string } | undefined {
    if (step.context.call !== 'GetOpenIdTokenForDeveloperIdentity') return undefined;
    const provider = pool.DeveloperProviderName;
    const userId = provider === undefined ? undefined : step.context.logins[provider];
    if (provider === undefined || userId === undefined) {
      throw new NotAuthorizedException(
        provider === undefined
          ? 'The identity pool has no developer provider name.'
          : `Logins must hold the identity pool's developer provider ${provider}.`,
      );
    }
    return { provider, userId };
  }

  /** The logins whose tokens are checked: all of them, but the developer provider's. */
  function tokenLogins(step: IdentityStep, pool: IdentityPool): Record<string, string> {
    const developer = developerLogin(step, pool);
    if (!developer) return step.context.logins;
    const { [developer.provider]: _userId, ...others } = step.context.logins;
    return others;
  }

  return {
    checkLogins: fromPromise<VerifiedLogin[], IdentityStep>(async ({ input }) => {
      const pool = poolOf(input);
      if (input.context.call === 'GetOpenIdToken' && pool.AllowClassicFlow === false) {
        throw new InvalidParameterException('Basic (classic) flow is not enabled, please use enhanced flow.');
      }
      const { flowId, context } = input;
      return checkLogins(services, pool, tokenLogins(input, pool), { flowId, origin: context.origin, region: context.region, call: context.call });
    }),

    resolveIdentity: fromPromise<ResolvedIdentity, ResolveInput>(async ({ input }) => {
      const pool = poolOf(input);
      const { flowId, context } = input;
      const developer = developerLogin(input, pool);
      if (developer) {
        const own = resolveDeveloperIdentity(services, pool, developer.userId, {
          ...(context.identityId && { identityId: context.identityId }),
          flowId,
          region: context.region,
          logins: input.verified,
        });
        return resolved(own.identity);
      }
      return resolved(
        resolveIdentity(services, pool, input.verified, {
          ...(context.identityId && { identityId: context.identityId }),
          flowId,
          region: context.region,
        }).identity,
      );
    }),

    chooseRole: fromPromise<ChosenRole, RoleInput>(async ({ input }) => {
      const pool = requireIdentityPool(store, input.identity.identityPoolId);
      const login = input.verified.find((l) => roleMappingOf(pool, l) !== undefined) ?? input.verified[0];
      const customRoleArn = input.context.customRoleArn;
      const choice = chooseRole({ pool, authenticated: input.identity.authenticated, ...(login && { login }), ...(customRoleArn && { customRoleArn }) });
      const principalTags = login ? principalTagsFor(pool, login) : {};
      services.bus.publish(
        'identity.roleResolved',
        {
          identityPoolId: pool.IdentityPoolId,
          identityId: input.identity.identityId,
          ...choice,
          ...(Object.keys(principalTags).length > 0 && { principalTags }),
        },
        { flowId: input.flowId, poolId: pool.IdentityPoolId },
      );
      if (choice.denied || !choice.roleArn) {
        const denied = choice.denied ?? { type: 'InvalidIdentityPoolConfigurationException', message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.' };
        throw new CognitoError(denied.type, denied.message);
      }
      return { roleArn: choice.roleArn, principalTags };
    }),

    issueCredentials: fromPromise(async ({ input }: { input: CredentialsInput }) => {
      const issued = issueCredentials(services, {
        identityPoolId: input.identity.identityPoolId,
        identityId: input.identity.identityId,
        roleArn: input.role.roleArn,
        sessionName: ENHANCED_FLOW_SESSION,
        durationSeconds: CREDENTIALS_SECONDS,
        principalTags: input.role.principalTags,
        via: 'GetCredentialsForIdentity',
        flowId: input.flowId,
      });
      return issued.credentials;
    }),

    signOpenIdToken: fromPromise<string, OpenIdTokenInput>(async ({ input }) => {
      const pool = requireIdentityPool(store, input.identity.identityPoolId);
      const { context } = input;
      const developer = developerLogin(input, pool);
      const signed = await signOpenIdToken(services, {
        identityPoolId: pool.IdentityPoolId,
        identityId: input.identity.identityId,
        amr: authenticationMethods(input.identity, input.verified, developer),
        durationSeconds: developer ? (context.tokenDuration ?? DEVELOPER_TOKEN_SECONDS) : OPENID_TOKEN_SECONDS,
        ...(context.principalTags && { principalTags: context.principalTags }),
        origin: context.origin,
        flowId: input.flowId,
      });
      return signed.token;
    }),

    checkWebIdentityToken: fromPromise<ResolvedIdentity, IdentityStep>(async ({ input }) => {
      const token = input.context.webIdentity!.webIdentityToken;
      const record = new FederationRecord();
      const publish = (claims: Record<string, unknown> | undefined, error?: { type: string; message: string }) =>
        services.bus.publish(
          'identity.loginChecked',
          {
            identityPoolId: typeof claims?.aud === 'string' ? claims.aud : '',
            provider: typeof claims?.iss === 'string' ? claims.iss : 'web identity token',
            kind: 'cognito-identity',
            checks: record.checks,
            passed: !error,
            ...(typeof claims?.sub === 'string' && { subject: claims.sub }),
            ...(claims && { claims }),
            ...(error && { error }),
          },
          { flowId: input.flowId, poolId: typeof claims?.aud === 'string' ? claims.aud : null },
        );
      let claims: Record<string, unknown>;
      try {
        claims = await verifyWebIdentityToken(services, token, input.context.origin, record);
      } catch (error) {
        if (error instanceof CognitoError) publish(record.idToken?.claims, { type: error.type, message: error.message });
        throw error;
      }
      publish(claims);
      const amr = Array.isArray(claims.amr) ? claims.amr : [];
      return { identityPoolId: String(claims.aud), identityId: String(claims.sub), authenticated: amr.includes('authenticated') };
    }),

    assumeRole: fromPromise<WebIdentityCredentials, CredentialsInput>(async ({ input }) => {
      const request = input.context.webIdentity!;
      services.bus.publish(
        'identity.roleResolved',
        {
          identityPoolId: input.identity.identityPoolId,
          identityId: input.identity.identityId,
          authenticated: input.identity.authenticated,
          decidedBy: 'custom',
          customRoleArn: request.roleArn,
          roleArn: request.roleArn,
          reason: `AssumeRoleWithWebIdentity names the role: ${request.roleArn} (the sandbox has no IAM trust policies to check)`,
        },
        { flowId: input.flowId, poolId: input.identity.identityPoolId },
      );
      const issued = issueCredentials(services, {
        identityPoolId: input.identity.identityPoolId,
        identityId: input.identity.identityId,
        roleArn: request.roleArn,
        sessionName: request.roleSessionName,
        durationSeconds: request.durationSeconds ?? CREDENTIALS_SECONDS,
        via: 'AssumeRoleWithWebIdentity',
        flowId: input.flowId,
      });
      return {
        credentials: issued.credentials,
        assumedRoleArn: issued.assumedRoleArn,
        assumedRoleId: issued.assumedRoleId,
        subjectFromWebIdentityToken: input.identity.identityId,
        audience: input.identity.identityPoolId,
        provider: COGNITO_IDENTITY_PROVIDER,
      };
    }),
  };
}
