import type { Socket } from 'node:net';
import { ERROR_STATUS, problemType, type ErrorCode, type Problem } from '@agent-fleet/contracts';

const ANSWERS: Record<string, { reason: string; code: ErrorCode; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    reason: 'Request Header Fields Too Large',
    code: 'headers_too_large',
    detail: 'The request line and headers exceed the limit; send long values in the body',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    reason: 'Request Timeout',
    code: 'request_timeout',
    detail: 'The request was not received in time',
  },
};
const MALFORMED = {
  reason: 'Bad Request',
  code: 'malformed_request' as const,
  detail: 'The request is not valid HTTP',
};

/**
 * Node answers a request it cannot parse (a URL past 16 KiB of headers, a malformed request line, a
 * slow client) itself, before Express sees it, with an empty body. This answers the same statuses as
 * problem+json with a stable code, like every other error of the API.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy(error);
    return;
  }
  const answer = ANSWERS[error.code ?? ''] ?? MALFORMED;
  const status = ERROR_STATUS[answer.code];
  const problem: Problem = {
    type: problemType(answer.code),
    title: answer.reason,
    status,
    code: answer.code,
    detail: answer.detail,
  };
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${status} ${answer.reason}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
