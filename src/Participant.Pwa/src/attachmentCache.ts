import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** What the cache knows of a held file without reading its bytes. */
export interface CachedFile {
  key: string;
  size: number;
  /** Milliseconds since the epoch of the last time it was stored or opened. */
  lastUsed: number;
}

/** The budgets the menu offers, in bytes. */
export const BUDGET_CHOICES: readonly number[] = [10, 25, 50, 100, 250].map((mb) => mb * 1024 * 1024);
export const DEFAULT_BUDGET = 50 * 1024 * 1024;

/**
 * Which files to drop, least recently used first, so that `incoming` more bytes fit in `budget`.
 * Null when the incoming file alone is larger than the budget: it is not kept at all, and nothing
 * held is dropped for a file that could not stay anyway.
 */
export function evictionPlan(files: readonly CachedFile[], budget: number, incoming = 0): string[] | null {
  if (incoming > budget) return null;
  let used = files.reduce((sum, f) => sum + f.size, 0) + incoming;
  const evict: string[] = [];
  for (const file of [...files].sort((a, b) => a.lastUsed - b.lastUsed || a.key.localeCompare(b.key))) {
    if (used <= budget) break;
    evict.push(file.key);
    used -= file.size;
  }
  return evict;
}

/** The key of one attachment of one message in this phone's mailbox. */
export function attachmentKey(sequence: number, attachmentId: string): string {
  return `${sequence}/${attachmentId}`;
}

interface CacheSchema extends DBSchema {
  /** Sizes and last use apart from the bytes, so totting up usage never reads a file. */
  index: { key: string; value: CachedFile; indexes: { lastUsed: number } };
  files: { key: string; value: { key: string; contentType: string; bytes: ArrayBuffer } };
  meta: { key: string; value: number };
}

/**
 * Received attachments kept on the phone so they open without a connection. A database of its
 * own (not a store of the app's main one) so it can be emptied or lost under storage pressure
 * without touching the outbox, and its schema moves without bumping the main one's version.
 * Bytes are held as ArrayBuffer: older WebKit could not store Blobs in IndexedDB.
 */
export class AttachmentCache {
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: IDBPDatabase<CacheSchema>,
    private readonly now: () => number,
  ) {}

  static async open(name = 'scenarioengine-attachments', now: () => number = Date.now): Promise<AttachmentCache> {
    const db = await openDB<CacheSchema>(name, 1, {
      upgrade(database) {
        database.createObjectStore('index', { keyPath: 'key' }).createIndex('lastUsed', 'lastUsed');
        database.createObjectStore('files', { keyPath: 'key' });
        database.createObjectStore('meta');
      },
    });
    return new AttachmentCache(db, now);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async budget(): Promise<number> {
    return (await this.db.get('meta', 'budget')) ?? DEFAULT_BUDGET;
  }

  async usage(): Promise<{ used: number; budget: number; files: number }> {
    const [all, budget] = await Promise.all([this.db.getAll('index'), this.budget()]);
    return { used: all.reduce((sum, f) => sum + f.size, 0), budget, files: all.length };
  }

  async has(key: string): Promise<boolean> {
    return (await this.db.getKey('index', key)) !== undefined;
  }

  /** The file, if held; opening it makes it the most recently used. */
  get(key: string): Promise<Blob | undefined> {
    return this.serial(async () => {
      const tx = this.db.transaction(['index', 'files'], 'readwrite');
      const [entry, file] = await Promise.all([tx.objectStore('index').get(key), tx.objectStore('files').get(key)]);
      if (!entry || !file) {
        await tx.done;
        return undefined;
      }
      await tx.objectStore('index').put({ ...entry, lastUsed: this.now() });
      await tx.done;
      return new Blob([file.bytes], { type: file.contentType });
    });
  }

  /** Keeps a file, dropping the least recently used ones to stay in budget; false if it cannot fit. */
  async put(key: string, blob: Blob): Promise<boolean> {
    const bytes = await blob.arrayBuffer();
    const kept = await this.serial(async () => {
      const budget = await this.budget();
      const tx = this.db.transaction(['index', 'files'], 'readwrite');
      const index = tx.objectStore('index');
      const others = (await index.getAll()).filter((f) => f.key !== key);
      const plan = evictionPlan(others, budget, bytes.byteLength);
      if (plan === null) {
        await tx.done;
        return false;
      }
      for (const evicted of plan) {
        await index.delete(evicted);
        await tx.objectStore('files').delete(evicted);
      }
      await index.put({ key, size: bytes.byteLength, lastUsed: this.now() });
      await tx.objectStore('files').put({ key, contentType: blob.type, bytes });
      await tx.done;
      return true;
    });
    if (kept) this.changed();
    return kept;
  }

  /** A new budget; a smaller one drops the least recently used files at once. */
  async setBudget(bytes: number): Promise<void> {
    await this.serial(async () => {
      const tx = this.db.transaction(['index', 'files', 'meta'], 'readwrite');
      await tx.objectStore('meta').put(bytes, 'budget');
      const plan = evictionPlan(await tx.objectStore('index').getAll(), bytes) ?? [];
      for (const evicted of plan) {
        await tx.objectStore('index').delete(evicted);
        await tx.objectStore('files').delete(evicted);
      }
      await tx.done;
    });
    this.changed();
  }

  /** Forgets every file (the phone left the exercise or was revoked); the budget stays. */
  async clear(): Promise<void> {
    await this.serial(async () => {
      const tx = this.db.transaction(['index', 'files'], 'readwrite');
      await Promise.all([tx.objectStore('index').clear(), tx.objectStore('files').clear(), tx.done]);
    });
    this.changed();
  }

  close(): void {
    this.db.close();
  }

  // One change at a time: two puts racing could each see room for themselves and overfill.
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
