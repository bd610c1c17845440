/**
 * Requests Node's HTTP parser refuses before any route sees them (headers over its 16 KB limit,
 * bytes a header may not hold, a malformed request line) answered in AWS's error shape, instead
 * of Node's bare status line.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';

function reply(status: number, reason: string, type: string, message: string): string {
  const body = JSON.stringify({ __type: type, message });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/x-amz-json-1.1',
    `x-amzn-ErrorType: ${type}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

export function answerUnreadableRequests(server: http.Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? reply(431, 'Request Header Fields Too Large', 'RequestEntityTooLargeException', 'The request headers are larger than the 16 KB the sandbox reads.')
        : reply(400, 'Bad Request', 'SerializationException', `The request could not be read: ${error.message.replace(/[\r\n]/g, ' ')}.`);
    socket.end(answer);
  });
}
