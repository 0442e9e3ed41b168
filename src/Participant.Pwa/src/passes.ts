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
