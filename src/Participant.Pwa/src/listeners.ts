/** Who wants to hear that a store-backed queue changed (the UI re-renders); the outboxes and caches share it. */
export class ChangeListeners {
  private readonly listeners = new Set<() => void>();

  /** Adds `listener`; the function returned removes it. */
  add(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}
