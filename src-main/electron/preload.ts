/** The preload exposes native verbs only; debugger data travels over HTTP/SSE. */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('cognitoSandbox', {
  desktop: true,
});
