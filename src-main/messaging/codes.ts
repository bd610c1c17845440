import { randomInt } from 'node:crypto';
import type { SandboxOptions } from '../config/options.js';

/**
 * A six-digit one-time code, as Cognito sends for verification and password reset; the
 * sandbox's `--fixed-code` when it was started with one (for scripted tests).
 */
export function oneTimeCode(options: Pick<SandboxOptions, 'fixedCode'> = {}): string {
  return options.fixedCode ?? String(randomInt(1_000_000)).padStart(6, '0');
}
