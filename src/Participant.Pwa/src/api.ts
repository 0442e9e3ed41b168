import { isConnectTicketResponse, isJoinResponse, type JoinRequest, type JoinResponse } from './types';

export type JoinErrorKind = 'network' | 'server' | 'invalid';

/** A failed join. `detail` is the server's problem-details text when it sent one. */
export class JoinError extends Error {
  constructor(
    readonly kind: JoinErrorKind,
    readonly status: number | null,
    readonly detail: string | null,
  ) {
    super(detail ?? (status === null ? `join failed: ${kind}` : `join failed: HTTP ${status}`));
    this.name = 'JoinError';
  }
}

export interface ApiOptions {
  fetch?: typeof fetch;
  baseUrl?: string;
}

export async function join(request: JoinRequest, options: ApiOptions = {}): Promise<JoinResponse> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(`${options.baseUrl ?? ''}/api/devices/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        code: request.code.trim(),
        displayName: request.displayName.trim(),
        agency: request.agency.trim(),
      }),
    });
  } catch {
    throw new JoinError('network', null, null);
  }

  const body = await readJson(response);
  if (!response.ok) throw new JoinError('server', response.status, problemText(body));
  if (!isJoinResponse(body)) throw new JoinError('invalid', response.status, null);
  return body;
}

/**
 * `POST /api/devices/connect-ticket` with the device token: the one-time ticket the socket's URL
 * carries instead of the token itself (docs/device-protocol.md, "Hub"). A failure throws, and
 * SignalR treats it as a failed connect and tries again later with a fresh ticket.
 */
export async function fetchConnectTicket(token: string, options: ApiOptions = {}): Promise<string> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const response = await doFetch(`${options.baseUrl ?? ''}/api/devices/connect-ticket`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  const body = await readJson(response);
  if (!response.ok) throw new Error(`connect ticket: HTTP ${response.status}${problemSuffix(body)}`);
  if (!isConnectTicketResponse(body)) throw new Error('connect ticket: the server sent no ticket');
  return body.ticket;
}

function problemSuffix(body: unknown): string {
  const text = problemText(body);
  return text ? ` (${text})` : '';
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** RFC 9457 problem details: prefer `detail`, fall back to `title`. */
function problemText(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { detail, title } = body as { detail?: unknown; title?: unknown };
  if (typeof detail === 'string' && detail.trim()) return detail;
  if (typeof title === 'string' && title.trim()) return title;
  return null;
}

/** Statuses that say the server will never take this photo; anything else may work later. */
const REFUSED_FOR_GOOD = new Set([400, 404, 405, 413, 415, 422]);

/**
 * `PUT /api/devices/attachments/{attachmentId}` with the photo's bytes. The id is made on the
 * phone, so a retry after a lost answer stores one file. A refusal for good resolves with its
 * status; a network failure, 401/403 (token) or 5xx throws so the outbox tries again later.
 */
export async function uploadAttachment(
  token: string,
  attachment: { attachmentId: string; contentType: string; bytes: ArrayBuffer },
  options: ApiOptions = {},
): Promise<'uploaded' | { refused: number }> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(
      `${options.baseUrl ?? ''}/api/devices/attachments/${encodeURIComponent(attachment.attachmentId)}`,
      {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': attachment.contentType },
        body: attachment.bytes,
      },
    );
  } catch (error) {
    throw new Error(`photo upload failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.ok) return 'uploaded';
  if (REFUSED_FOR_GOOD.has(response.status)) return { refused: response.status };
  throw new Error(`photo upload failed: HTTP ${response.status}`);
}

/** `GET /api/devices/messages/{sequence}/attachments/{id}` with the device token. */
export async function fetchAttachment(
  token: string,
  sequence: number,
  attachmentId: string,
  options: ApiOptions = {},
): Promise<Blob> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const response = await doFetch(
    `${options.baseUrl ?? ''}/api/devices/messages/${sequence}/attachments/${encodeURIComponent(attachmentId)}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  if (!response.ok) throw new Error(`attachment ${attachmentId}: HTTP ${response.status}`);
  return response.blob();
}
