/**
 * One run of a queue's flush at a time, in passes: a call made while a run is under way shares
 * that run and asks for one more pass, so items queued meanwhile are not left for the next flush.
 * The outboxes (responses, requests to personas, evaluators' observations) each flush this way.
 */
export class RepeatingPass<R> {
  private running: Promise<R> | null = null;
  private again = false;

  /** `passes` repeats its pass while `another()` says a call came in during it. */
  run(passes: (another: () => boolean) => Promise<R>): Promise<R> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.again = false;
    const another = () => {
      const asked = this.again;
      this.again = false;
      return asked;
    };
    this.running = passes(another).finally(() => {
      this.running = null;
    });
    return this.running;
  }
}

/**
 * Flushes an outbox whose items each wait for their own receipt: the waiting items oldest first,
 * in passes of `passes`. A failed send ends the flush unless `keepGoing(error)` says the next item
 * may still get through (the connection is up); the rest waits for the next flush. Resolves how
 * many were confirmed. Requests to personas, statements and evidence scans flush this way.
 */
export function sendEachInPasses<T>(
  passes: RepeatingPass<number>,
  pending: () => Promise<T[]>,
  sendOne: (item: T) => Promise<void>,
  keepGoing: (error: unknown) => boolean,
): Promise<number> {
  return passes.run(async (another) => {
    let sent = 0;
    do {
      for (const item of await pending()) {
        try {
          await sendOne(item);
          sent += 1;
        } catch (error) {
          if (!keepGoing(error)) return sent;
        }
      }
    } while (another());
    return sent;
  });
}
