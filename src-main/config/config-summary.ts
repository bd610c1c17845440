/**
 * What `--config FILE` loaded, in one line for the terminal the sandbox starts in:
 * "Loaded config.json: 2 pools (app, partners), 3 clients, 5 users, 1 group, 2 Lambda handlers; 1
 * pool was already here (partners): left as it was". Counted from the file (every entry either made
 * or found), so a typo'd file that loads nothing says so.
 */
import path from 'node:path';
import type { SeedFile, SeedPool } from './config-file.js';

/** A pool entry and what applying it did: made now, or found already in the sandbox. */
export interface SeededPool {
  id: string;
  name: string;
  created: boolean;
}

export interface ConfigSummary {
  file: string;
  pools: SeededPool[];
  clients: number;
  users: number;
  groups: number;
  identityProviders: number;
  resourceServers: number;
  domains: number;
  lambdaHandlers: number;
  provisionedLimits: number;
}

const entries = (pools: readonly SeedPool[], member: (pool: SeedPool) => readonly unknown[] | undefined): number =>
  pools.reduce((sum, pool) => sum + (member(pool)?.length ?? 0), 0);

const domainsOf = (pool: SeedPool): readonly unknown[] => pool.Domains ?? (typeof pool.Domain === 'string' ? [pool.Domain] : []);

export function summarizeConfig(file: string, config: SeedFile, seeded: SeededPool[]): ConfigSummary {
  const pools = config.userPools ?? [];
  return {
    file,
    pools: seeded,
    clients: entries(pools, (pool) => pool.Clients),
    users: entries(pools, (pool) => pool.Users),
    groups: entries(pools, (pool) => pool.Groups),
    identityProviders: entries(pools, (pool) => pool.IdentityProviders),
    resourceServers: entries(pools, (pool) => pool.ResourceServers),
    domains: entries(pools, domainsOf),
    lambdaHandlers: Object.keys(config.lambdaHandlers ?? {}).length,
    provisionedLimits: config.provisionedLimits?.length ?? 0,
  };
}

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function describeConfigSummary(summary: ConfigSummary): string {
  const poolNames = summary.pools.map((pool) => pool.name).join(', ');
  const parts = [
    `${count(summary.pools.length, 'pool')}${poolNames ? ` (${poolNames})` : ''}`,
    count(summary.clients, 'client'),
    count(summary.users, 'user'),
  ];
  const optional: [number, string][] = [
    [summary.groups, 'group'],
    [summary.identityProviders, 'identity provider'],
    [summary.resourceServers, 'resource server'],
    [summary.domains, 'domain'],
    [summary.lambdaHandlers, 'Lambda handler'],
    [summary.provisionedLimits, 'provisioned limit'],
  ];
  for (const [n, noun] of optional) if (n > 0) parts.push(count(n, noun));
  const kept = summary.pools.filter((pool) => !pool.created);
  const keptNote = kept.length
    ? `; ${count(kept.length, 'pool')} ${kept.length === 1 ? 'was' : 'were'} already here (${kept.map((pool) => pool.name).join(', ')}): entries already there left as they were`
    : '';
  return `Loaded ${path.basename(summary.file)}: ${parts.join(', ')}${keptNote}`;
}
