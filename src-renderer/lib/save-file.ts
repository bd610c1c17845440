/**
 * Saving a text file from the window: through the desktop shell's native save dialog in the
 * Electron window, as a browser download in a plain tab.
 */
import { DESKTOP_GLOBAL, type DesktopApi } from '../../shared/desktop';

const desktop = (window as unknown as Record<string, DesktopApi | undefined>)[DESKTOP_GLOBAL];

export async function saveTextFile(suggestedName: string, text: string, type = 'application/json'): Promise<void> {
  if (desktop) {
    await desktop.saveTextFile(suggestedName, text);
    return;
  }
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = suggestedName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
