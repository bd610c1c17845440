import { defineConfig } from 'vitest/config';

/**
 * Unit and protocol files share one module graph per worker (`isolate: false`): importing the
 * sandbox anew for each of some 190 files took about 220 s of the suite. Files that change
 * process-wide state (a stubbed global, an environment variable, Amplify's configured singleton)
 * and the browser files keep their own.
 */
const OWN_MODULES = [
  'test/e2e/**/*.test.ts',
  'test/unit/triggers-local-kms.test.ts',
  'test/protocol/api-call-http.test.ts',
  'test/protocol/custom-auth-clients.test.ts',
  'test/protocol/device-sign-in.test.ts',
  'test/protocol/devices.test.ts',
  'test/protocol/forgot-password-clients.test.ts',
  'test/protocol/identity-amplify.test.ts',
  'test/protocol/mfa-settings-clients.test.ts',
  'test/protocol/mfa-sign-in-amplify.test.ts',
  'test/protocol/refresh-rotation.test.ts',
  'test/protocol/sign-in-clients.test.ts',
  'test/protocol/sign-up-clients.test.ts',
  'test/protocol/user-auth-amplify.test.ts',
];

const shared = {
  pool: 'forks' as const,
  testTimeout: 30_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    projects: [
      { test: { ...shared, name: 'shared-modules', include: ['test/unit/**/*.test.ts', 'test/protocol/**/*.test.ts'], exclude: OWN_MODULES, isolate: false } },
      { test: { ...shared, name: 'own-modules', include: OWN_MODULES } },
    ],
  },
});
