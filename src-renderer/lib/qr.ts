/**
 * A QR code as one SVG path, from the `qrcode` package's encoder (its module matrix: version,
 * error correction and masking are the package's). Drawn by the window itself so the `<svg>`
 * carries its own role and accessible name, with no markup injected.
 */
import { create } from 'qrcode';

/** The light border a scanner needs around the code, in modules (ISO/IEC 18004: four). */
export const QUIET_ZONE = 4;

export interface QrDrawing {
  /** Modules per side, quiet zone included: the SVG's viewBox is `0 0 size size`. */
  size: number;
  /** Every dark module, as runs of squares along each row. */
  path: string;
}

export function qrDrawing(text: string): QrDrawing {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      runs.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${column - start}v1h${start - column}z`);
    }
  }
  return { size: modules.size + 2 * QUIET_ZONE, path: runs.join('') };
}
