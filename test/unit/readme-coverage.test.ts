import fs from 'node:fs';
import { expect, it } from 'vitest';
import { README, withCoverage } from '../../scripts/coverage.js';

it('README coverage table matches the implemented operations (npm run docs:coverage)', () => {
  const readme = fs.readFileSync(README, 'utf8');
  expect(readme).toBe(withCoverage(readme));
});
