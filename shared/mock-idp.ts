/**
 * The sandbox's built-in mock identity providers (under `/_mock-idp/`): their kinds, their names
 * as their sign-in pages show them, and where the window edits each one's people. Pure constants.
 */

/** Where the mocks are served, on the sandbox's own origin. */
export const MOCK_IDP_PATH = '/_mock-idp';

export const MOCK_IDP_KINDS = ['oidc', 'saml', 'google', 'facebook', 'amazon', 'apple'] as const;

export type MockIdpKind = (typeof MOCK_IDP_KINDS)[number];

export const MOCK_IDP_LABELS: Record<MockIdpKind, string> = {
  oidc: 'Mock OIDC',
  saml: 'Mock SAML',
  google: 'Mock Google',
  facebook: 'Mock Facebook',
  amazon: 'Mock Login with Amazon',
  apple: 'Mock Sign in with Apple',
};

export function isMockIdpKind(value: unknown): value is MockIdpKind {
  return typeof value === 'string' && (MOCK_IDP_KINDS as readonly string[]).includes(value);
}

/** The window's page where a mock's people are edited (a hash route of the debugger at `/_sandbox/`). */
export function mockIdpPeoplePage(idp: MockIdpKind): string {
  return `/_sandbox/#/mock-idp/${idp}`;
}
