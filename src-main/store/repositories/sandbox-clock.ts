import type { Db } from '../db.js';

/** The sandbox clock's offset from real time (clock.ts SandboxClock): one row, absent at real time. */
export class SandboxClockRepository {
  constructor(private readonly db: Db) {}

  read(): number {
    return this.db.read((tx) => tx.get<{ offsetMs: number }>('SELECT offset_ms AS offsetMs FROM sandbox_clock WHERE id = 1'))?.offsetMs ?? 0;
  }

  keep(offsetMs: number): void {
    this.db.write((tx) =>
      offsetMs === 0
        ? tx.run('DELETE FROM sandbox_clock')
        : tx.run('INSERT INTO sandbox_clock (id, offset_ms) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET offset_ms = excluded.offset_ms', [offsetMs]),
    );
  }
}
