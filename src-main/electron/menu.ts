/**
 * The app menu: the sandbox's own verbs (copy endpoint, open in browser, open data folder,
 * reset) next to the standard Edit, View and Window menus (Edit is what makes copy and paste
 * work in the window's text fields on macOS).
 */
import { app, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { copyEndpoint, openDataFolder, openInBrowser, type ShellContext } from './verbs.js';

const DEVELOPER_GUIDE = 'https://docs.aws.amazon.com/cognito/latest/developerguide/';

/** Asks first: a reset deletes every pool, user and message, and cannot be undone. */
async function confirmAndReset(context: ShellContext): Promise<void> {
  const window = context.window();
  const question = {
    type: 'warning' as const,
    buttons: ['Cancel', 'Reset sandbox'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    title: 'Reset sandbox',
    message: 'Delete every user pool, app client, user and group?',
    detail: 'The flows, the outbox and the event history go too. This cannot be undone.',
  };
  const { response } = window ? await dialog.showMessageBox(window, question) : await dialog.showMessageBox(question);
  if (response !== 1) return;
  const answer = await fetch(`${context.origin}/_sandbox/api/admin/reset`, { method: 'POST' });
  if (!answer.ok) {
    dialog.showErrorBox('Reset sandbox', `The sandbox refused the reset (HTTP ${answer.status}).`);
    return;
  }
  window?.webContents.reload();
}

function report(action: Promise<unknown>, what: string): void {
  action.catch((error: unknown) => dialog.showErrorBox(what, error instanceof Error ? error.message : String(error)));
}

export function installMenu(context: ShellContext): void {
  const isMac = process.platform === 'darwin';
  const sandboxMenu: MenuItemConstructorOptions = {
    label: 'Sandbox',
    submenu: [
      { label: 'Copy Endpoint', accelerator: 'CmdOrCtrl+Shift+E', click: () => report(copyEndpoint(context), 'Copy endpoint') },
      { label: 'Open in Browser', accelerator: 'CmdOrCtrl+Shift+B', click: () => report(openInBrowser(context), 'Open in browser') },
      {
        label: 'Open Data Folder',
        enabled: context.dataDir !== undefined,
        toolTip: context.dataDir ?? 'In memory: nothing is kept on disk',
        click: () => report(openDataFolder(context), 'Open data folder'),
      },
      { type: 'separator' },
      { label: 'Reset Sandbox…', click: () => report(confirmAndReset(context), 'Reset sandbox') },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    sandboxMenu,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Amazon Cognito Developer Guide', click: () => report(shell.openExternal(DEVELOPER_GUIDE), 'Open the guide') },
        { label: `Cognito Sandbox ${app.getVersion()}`, enabled: false },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
