/**
 * A QR code as one SVG path, from the `qrcode` package's encoder (its module matrix: version,
 * error correction and masking are the package's). Drawn by the window itself so the `<svg>`
 * carries its own role and accessible name, with no markup injected.
 */
import { create } from 'qrcode';
import { qrPath, type QrDrawing } from '../../shared/qr-path';

export { QUIET_ZONE, type QrDrawing } from '../../shared/qr-path';

export function qrDrawing(text: string): QrDrawing {
  return qrPath(create(text, { errorCorrectionLevel: 'M' }).modules);
}
