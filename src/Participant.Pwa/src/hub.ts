import { HttpTransportType, type HubConnection, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { foreverRetryPolicy } from './sync';

export const HUB_PATH = '/hubs/device';

/**
 * WebSockets only, without the negotiate round-trip: any web node can take the connection,
 * so no sticky sessions are needed. The token travels as `?access_token=`.
 */
export function createHubConnection(token: () => string, url: string = HUB_PATH): HubConnection {
  return new HubConnectionBuilder()
    .withUrl(url, {
      accessTokenFactory: token,
      transport: HttpTransportType.WebSockets,
      skipNegotiation: true,
    })
    .withAutomaticReconnect(foreverRetryPolicy)
    .configureLogging(LogLevel.Warning)
    .build();
}
