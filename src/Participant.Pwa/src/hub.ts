import { HttpTransportType, type HubConnection, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { type ApiOptions, fetchConnectTicket } from './api';
import { foreverRetryPolicy } from './sync';

export const HUB_PATH = '/hubs/device';

/**
 * WebSockets only, without the negotiate round-trip: any web node can take the connection,
 * so no sticky sessions are needed. The socket's URL carries a one-time connect ticket as
 * `?access_token=`, asked for with the token on every (re)connect: the token itself never goes
 * in a URL, where proxies log it and the server keeps it for the connection's life.
 */
export function createHubConnection(token: () => string, url: string = HUB_PATH, api: ApiOptions = {}): HubConnection {
  return new HubConnectionBuilder()
    .withUrl(url, {
      accessTokenFactory: () => fetchConnectTicket(token(), api),
      transport: HttpTransportType.WebSockets,
      skipNegotiation: true,
    })
    .withAutomaticReconnect(foreverRetryPolicy)
    .configureLogging(LogLevel.Warning)
    .build();
}
