/**
 * A pool's prefix domain, served locally as `{prefix}.localhost` (a loopback name by RFC 6761,
 * which browsers resolve without DNS). On such a host only that pool's clients are served.
 */
import type { Services } from '../../services.js';

const LOCAL_DOMAIN = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.localhost$/i;

/** The pool whose domain the Host names; undefined for a host that names no domain (localhost, 127.0.0.1); null for an unknown `x.localhost`. */
export function poolOfHost(services: Pick<Services, 'store'>, hostHeader: string | undefined): string | undefined | null {
  const hostname = (hostHeader ?? '').replace(/:\d+$/, '');
  const match = LOCAL_DOMAIN.exec(hostname);
  if (!match) return undefined;
  const domain = services.store.domains.find(match[1]!.toLowerCase());
  return domain ? domain.poolId : null;
}
