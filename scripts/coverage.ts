/**
 * Writes the README's coverage table (between the coverage markers) from the operation
 * registry and the API catalogue: `npm run docs:coverage`. A test fails when README is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { identityPoolOperationNames, userPoolOperationNames } from '../src-main/server/aws-json/catalogue.js';
import { identityPoolOperations, userPoolOperations } from '../src-main/server/aws-json/operations/index.js';

export const README = path.resolve(import.meta.dirname, '../README.md');
const START = '<!-- coverage:start -->';
const END = '<!-- coverage:end -->';

function table(title: string, names: readonly string[], implemented: Record<string, unknown>): string {
  const done = names.filter((n) => n in implemented);
  const rows = names.map((n) => `| ${n} | ${n in implemented ? 'done' : 'not yet'} |`);
  return [`**${title}**: ${done.length} of ${names.length} operations.`, '', '| Operation | Status |', '|---|---|', ...rows].join('\n');
}

export function coverageMarkdown(): string {
  return [
    table('User pools (`AWSCognitoIdentityProviderService`)', [...userPoolOperationNames].sort(), userPoolOperations),
    '',
    table('Identity pools (`AWSCognitoIdentityService`)', [...identityPoolOperationNames].sort(), identityPoolOperations),
  ].join('\n');
}

export function withCoverage(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error('README.md has no coverage markers');
  return `${readme.slice(0, start + START.length)}\n${coverageMarkdown()}\n${readme.slice(end)}`;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  fs.writeFileSync(README, withCoverage(fs.readFileSync(README, 'utf8')));
  console.log('README.md coverage table updated');
}
