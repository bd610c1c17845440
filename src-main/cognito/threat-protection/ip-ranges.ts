/**
 * RiskExceptionConfiguration's IP ranges: CIDR blocks, IPv4 or IPv6 (node:net's BlockList does
 * the matching, so an IPv4-mapped IPv6 address matches its IPv4 range too).
 */
import { BlockList, isIP } from 'node:net';

interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** The CIDR block `range` names, or undefined when it names none (`192.168.100.0/24`, `2001:db8::/32`). */
export function parseCidr(range: string): Cidr | undefined {
  const match = /^([^/\s]+)\/(\d{1,3})$/.exec(range);
  if (!match) return undefined;
  const [, address = '', rawPrefix = ''] = match;
  const version = isIP(address);
  const prefix = Number(rawPrefix);
  if (version === 0 || prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The first of `ranges` that is not a CIDR block. */
export function invalidRange(ranges: readonly string[]): string | undefined {
  return ranges.find((range) => parseCidr(range) === undefined);
}

/** Whether `ip` falls in one of `ranges` (unparseable ranges and addresses match nothing). */
export function inRanges(ip: string | undefined, ranges: readonly string[] | undefined): boolean {
  if (!ip || !ranges?.length) return false;
  const family = isIP(ip);
  if (family === 0) return false;
  const list = new BlockList();
  for (const range of ranges) {
    const cidr = parseCidr(range);
    if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}
