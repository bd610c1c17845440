import { describe, expect, it } from 'vitest';
import { effectiveConfig, tokenLifetimes } from '../../src-main/cognito/app-clients.js';
import {
  checkExplicitAuthFlows,
  checkRedirectUrl,
  checkScopes,
  checkTokenValidity,
} from '../../src-main/server/aws-json/operations/clients/client-settings.js';

const outOfRange = 'Invalid range for token validity.';

describe('checkTokenValidity', () => {
  it('reads validities in their units, defaulting to hours and days', () => {
    expect(() => checkTokenValidity({ AccessTokenValidity: 24 })).not.toThrow();
    expect(() => checkTokenValidity({ AccessTokenValidity: 25 })).toThrow(outOfRange);
    expect(() => checkTokenValidity({ RefreshTokenValidity: 3650 })).not.toThrow();
    expect(() => checkTokenValidity({ RefreshTokenValidity: 3651 })).toThrow(outOfRange);
  });

  it('holds access and ID tokens between five minutes and a day', () => {
    for (const [value, unit] of [[300, 'seconds'], [5, 'minutes'], [1440, 'minutes'], [1, 'days']] as const) {
      expect(() => checkTokenValidity({ IdTokenValidity: value, TokenValidityUnits: { IdToken: unit } })).not.toThrow();
    }
    for (const [value, unit] of [[299, 'seconds'], [4, 'minutes'], [86401, 'seconds'], [2, 'days']] as const) {
      expect(() => checkTokenValidity({ IdTokenValidity: value, TokenValidityUnits: { IdToken: unit } })).toThrow(outOfRange);
    }
  });

  it('holds refresh tokens between an hour and ten years, 0 meaning 30 in their unit', () => {
    expect(() => checkTokenValidity({ RefreshTokenValidity: 3600, TokenValidityUnits: { RefreshToken: 'seconds' } })).not.toThrow();
    expect(() => checkTokenValidity({ RefreshTokenValidity: 3599, TokenValidityUnits: { RefreshToken: 'seconds' } })).toThrow(outOfRange);
    expect(() => checkTokenValidity({ RefreshTokenValidity: 0, TokenValidityUnits: { RefreshToken: 'minutes' } })).toThrow(outOfRange);
    expect(() => checkTokenValidity({ RefreshTokenValidity: 0 })).not.toThrow();
  });

  it('keeps access and ID tokens from outliving the refresh token, counting their one-hour default', () => {
    const message = 'Access and Id Token expiration times must be less than or equal to refresh token expiration times.';
    expect(() => checkTokenValidity({ RefreshTokenValidity: 60, TokenValidityUnits: { RefreshToken: 'minutes' } })).not.toThrow();
    expect(() =>
      checkTokenValidity({ AccessTokenValidity: 61, RefreshTokenValidity: 60, TokenValidityUnits: { AccessToken: 'minutes', RefreshToken: 'minutes' } }),
    ).toThrow(message);
  });
});

describe('checkRedirectUrl', () => {
  it('allows HTTPS, loopback HTTP and app schemes', () => {
    for (const url of ['https://example.com/cb', 'http://localhost:8080/cb', 'http://127.0.0.1', 'http://[::1]/cb', 'myapp://signin']) {
      expect(() => checkRedirectUrl(url)).not.toThrow();
    }
  });

  it('refuses HTTP elsewhere, fragments and relative URLs', () => {
    expect(() => checkRedirectUrl('http://localhost.example.com/cb')).toThrow('http://localhost.example.com/cb cannot use the HTTP protocol.');
    expect(() => checkRedirectUrl('https://example.com/#/cb')).toThrow('https://example.com/#/cb cannot use fragment');
    expect(() => checkRedirectUrl('example.com/cb')).toThrow('example.com/cb is not a valid URL.');
  });
});

describe('checkExplicitAuthFlows', () => {
  it('allows either family of names, not both', () => {
    expect(() => checkExplicitAuthFlows(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'])).not.toThrow();
    expect(() => checkExplicitAuthFlows(['CUSTOM_AUTH_FLOW_ONLY'])).not.toThrow();
    expect(() => checkExplicitAuthFlows(['CUSTOM_AUTH_FLOW_ONLY', 'ALLOW_CUSTOM_AUTH'])).toThrow(
      "Auth flow name with prefix 'ALLOW' cannot be used with legacy auth flow names.",
    );
  });
});

describe('checkScopes', () => {
  const unreachable = () => {
    throw new Error('the pool scopes were asked for');
  };

  it('asks for the pool scopes only when a custom scope is named', () => {
    expect(() => checkScopes(['openid', 'aws.cognito.signin.user.admin'], ['code'], unreachable)).not.toThrow();
    expect(() => checkScopes(['api/read'], ['client_credentials'], () => ['api/read'])).not.toThrow();
    expect(() => checkScopes(['api/write'], ['code'], () => ['api/read'])).toThrow('Invalid scope requested: api/write');
  });
});

describe('effectiveConfig and tokenLifetimes', () => {
  it('fills in what Cognito leaves implicit', () => {
    const config = effectiveConfig({ RefreshTokenValidity: 30, TokenValidityUnits: {} });
    expect(config).toMatchObject({
      AccessTokenValidity: 1,
      IdTokenValidity: 1,
      TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
      PreventUserExistenceErrors: 'LEGACY',
      EnableTokenRevocation: true,
      AuthSessionValidity: 3,
      RefreshTokenRotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 },
    });
    expect(config.ReadAttributes).toEqual(expect.arrayContaining(['sub', 'email', 'email_verified', 'phone_number_verified']));
    expect(config.WriteAttributes).toEqual(expect.arrayContaining(['email', 'name', 'updated_at']));
    expect(config.WriteAttributes).not.toEqual(expect.arrayContaining(['sub']));
  });

  it('keeps a unit only for a validity that was given', () => {
    const config = effectiveConfig({ RefreshTokenValidity: 12, TokenValidityUnits: { AccessToken: 'days', RefreshToken: 'hours' } });
    expect(config.TokenValidityUnits).toEqual({ AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'hours' });
    expect(tokenLifetimes(config)).toEqual({ access: 3600, id: 3600, refresh: 12 * 3600 });
  });

  it('converts given validities with their units', () => {
    const config = effectiveConfig({
      RefreshTokenValidity: 90,
      AccessTokenValidity: 15,
      IdTokenValidity: 600,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'seconds', RefreshToken: 'minutes' },
    });
    expect(tokenLifetimes(config)).toEqual({ access: 900, id: 600, refresh: 5400 });
  });
});
