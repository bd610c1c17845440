/**
 * A real full disk for tests: a small tmpfs mounted for the file's tests and filled to the last
 * byte. Mounting needs root; where it cannot be mounted, `tmpfsRefusal` says why and the tests skip.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { tempDir } from './sandbox.js';

/** Why a tmpfs cannot be mounted here, if it cannot: tried once, and unmounted at once. */
export function tmpfsRefusal(): string | undefined {
  const probe = tempDir('cognito-sandbox-tmpfs-');
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', probe], { encoding: 'utf8' });
  if (mount.status === 0) spawnSync('umount', [probe]);
  fs.rmSync(probe, { recursive: true, force: true });
  return mount.status === 0 ? undefined : (mount.stderr || mount.error?.message || 'not root').trim();
}

/** A fresh tmpfs of `size` (`2m`, `8m`): its mount point. */
export function mountTmpfs(size: string): string {
  const mountPoint = tempDir('cognito-sandbox-tmpfs-');
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (mount.status !== 0) throw new Error(`mount failed: ${mount.stderr}`);
  return mountPoint;
}

export function unmountTmpfs(mountPoint: string): void {
  spawnSync('umount', ['-l', mountPoint]);
  fs.rmSync(mountPoint, { recursive: true, force: true });
}

/** Appends to `file` until the disk refuses even one byte. */
export function fillDisk(file: string): void {
  const fd = fs.openSync(file, 'a');
  try {
    for (const size of [64 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size, 0x2e);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}
