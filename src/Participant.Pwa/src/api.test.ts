import { describe, expect, it } from 'vitest';
import { fetchConnectTicket, JoinError, join } from './api';
import type { JoinResponse } from './types';

const joined: JoinResponse = {
  token: 'jwt',
  expiresAt: '2026-11-25T09:00:00+00:00',
  deviceId: 'device-1',
  exerciseId: 'sample',
  exerciseTitle: { en: 'Flood' },
  role: 'actor',
  recipientId: 'actor-journalist',
  recipientName: { en: 'Journalist' },
  languages: ['ru', 'en'],
  defaultLanguage: 'ru',
};

function fakeFetch(status: number, body: unknown, seen: Request[] = []): typeof fetch {
  return async (input, init) => {
    seen.push(new Request(`http://phone${String(input)}`, init));
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(text, { status, headers: { 'Content-Type': contentType } });
  };
}

const request = { code: ' k7qm-2xpa ', displayName: ' Anna ', agency: 'Police' };

describe('join', () => {
  it('posts the join body to /api/devices/join and returns the session', async () => {
    const seen: Request[] = [];

    const result = await join(request, { fetch: fakeFetch(200, joined, seen) });

    expect(result).toEqual(joined);
    expect(seen[0]?.method).toBe('POST');
    expect(new URL(seen[0]?.url ?? '').pathname).toBe('/api/devices/join');
    expect(await seen[0]?.json()).toEqual({ code: 'k7qm-2xpa', displayName: 'Anna', agency: 'Police' });
  });

  it("surfaces the server's problem-details detail", async () => {
    const fetch = fakeFetch(404, { title: 'Not Found', status: 404, detail: 'No exercise uses the code K7QM2XPA.' });

    const error = await join(request, { fetch }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(JoinError);
    expect(error).toMatchObject({ kind: 'server', status: 404, detail: 'No exercise uses the code K7QM2XPA.' });
    expect((error as JoinError).message).toBe('No exercise uses the code K7QM2XPA.');
  });

  it('falls back to the problem title, then to the status alone', async () => {
    await expect(join(request, { fetch: fakeFetch(400, { title: 'Bad body' }) })).rejects.toMatchObject({
      status: 400,
      detail: 'Bad body',
    });
    await expect(join(request, { fetch: fakeFetch(502, '<html>Bad gateway</html>') })).rejects.toMatchObject({
      kind: 'server',
      status: 502,
      detail: null,
    });
  });

  it('reports a network failure as such', async () => {
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

    await expect(join(request, { fetch: offline })).rejects.toMatchObject({ kind: 'network', status: null });
  });

  it('rejects a success body that is not a join response', async () => {
    await expect(join(request, { fetch: fakeFetch(200, { token: 'x' }) })).rejects.toMatchObject({ kind: 'invalid' });
  });
});

describe('fetchConnectTicket', () => {
  it('asks with the device token as a Bearer header and gives the ticket alone', async () => {
    const seen: Request[] = [];

    const ticket = await fetchConnectTicket('device-jwt', {
      fetch: fakeFetch(200, { ticket: 'ct_q3Xf0vJm9LwKc2RtYb7NsA', expiresAt: '2026-11-24T09:31:00+03:00' }, seen),
    });

    expect(ticket).toBe('ct_q3Xf0vJm9LwKc2RtYb7NsA');
    expect(seen[0]?.method).toBe('POST');
    expect(new URL(seen[0]?.url ?? '').pathname).toBe('/api/devices/connect-ticket');
    expect(seen[0]?.headers.get('Authorization')).toBe('Bearer device-jwt');
  });

  it('throws on a refusal, with the status and the problem text, so SignalR counts a failed connect', async () => {
    await expect(
      fetchConnectTicket('stale', { fetch: fakeFetch(429, { title: 'Too many requests', detail: 'Wait 2 s.' }) }),
    ).rejects.toThrow('connect ticket: HTTP 429 (Wait 2 s.)');
    await expect(fetchConnectTicket('stale', { fetch: fakeFetch(401, '') })).rejects.toThrow(
      'connect ticket: HTTP 401',
    );
  });

  it('throws when the answer holds no ticket (a captive portal answers 200 with its own page)', async () => {
    await expect(fetchConnectTicket('jwt', { fetch: fakeFetch(200, '<html>Sign in to Wi-Fi</html>') })).rejects.toThrow(
      'the server sent no ticket',
    );
  });
});
