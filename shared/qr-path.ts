/**
 * A QR code's dark modules as one SVG path (runs of squares along each row), offset by the quiet
 * zone a scanner needs around the code. The modules come from the `qrcode` package's encoder; the
 * window and the hosted UI's MFA set-up page both draw them this way.
 */

/** The light border a scanner needs around the code, in modules (ISO/IEC 18004: four). */
export const QUIET_ZONE = 4;

/** The `qrcode` package's module matrix, as far as drawing needs it. */
export interface QrModules {
  size: number;
  get(row: number, column: number): number | boolean;
}

export interface QrDrawing {
  /** Modules per side, quiet zone included: the SVG's viewBox is `0 0 size size`. */
  size: number;
  /** Every dark module, as runs of squares along each row. */
  path: string;
}

export function qrPath(modules: QrModules): QrDrawing {
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
