import type { HubLike, NetworkLike } from './sync';

/**
 * True when a hub call failed because the server has no such method (an older server than the
 * protocol's issue-4 additions). Newer ASP.NET Core says "Method does not exist", older
 * "Unknown hub method 'X'".
 */
export function isMissingMethod(error: unknown): boolean {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return /Method does not exist|Unknown hub method/i.test(text);
}

/**
 * The calls the flushes and the safety signals make through the connection DeviceSync keeps:
 * whether anything may go out now, and which methods this connection's server lacks.
 */
export class HubCalls {
  /** Methods this connection's server lacks; forgotten on reconnect (the server may be newer). */
  private readonly missing = new Set<string>();

  constructor(
    private readonly hub: HubLike,
    private readonly network: NetworkLike,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Connected and the browser has a network: only then is anything sent. */
  get connected(): boolean {
    return this.hub.state === 'Connected' && this.network.isOnline();
  }

  /** The server said it has no such method, on this connection. */
  lacks(method: string): boolean {
    return this.missing.has(method);
  }

  /** A new connection: it may reach a newer server. */
  forgetMissing(): void {
    this.missing.clear();
  }

  invoke(method: string, ...args: unknown[]): Promise<unknown> {
    return this.hub.invoke(method, ...args);
  }

  /** Invokes a method the server may lack; a missing method is remembered, not retried. */
  async tryInvoke(method: string, ...args: unknown[]): Promise<boolean> {
    try {
      await this.hub.invoke(method, ...args);
      return true;
    } catch (error) {
      this.noteFailure(method, error);
      return false;
    }
  }

  noteFailure(method: string, error: unknown): void {
    if (isMissingMethod(error)) this.missing.add(method);
    else this.onError(error);
  }

  reportError(error: unknown): void {
    this.onError(error);
  }
}

/**
 * One pass of a flush at a time: a call made while a pass runs shares that pass instead of
 * starting another that would send the same items twice.
 */
export class SinglePass {
  private running: Promise<void> | null = null;

  run(pass: () => Promise<void>): Promise<void> {
    if (this.running) return this.running;
    this.running = pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
