/**
 * Concurrency helpers that cut store round-trips under load without ever serving stale data.
 * PGlite runs one query at a time, so sixteen concurrent calls reading the same gateway are better
 * served by one read than by sixteen queued ones — as long as every caller gets a read that started
 * after it asked (so a publish that finished before a call was sent is always seen by that call).
 */

/**
 * `read(key)` for many concurrent callers: when no read of `key` is running, one starts now; callers
 * arriving while it runs share the single next read, which starts when the running one ends.
 */
export function coalescingReader<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const state = new Map<K, { running?: Promise<V>; next?: Promise<V> }>();

  const start = (key: K, s: { running?: Promise<V>; next?: Promise<V> }): Promise<V> => {
    const p = read(key);
    s.running = p;
    const done = () => {
      if (s.running === p) s.running = undefined;
      if (!s.running && !s.next) state.delete(key);
    };
    p.then(done, done);
    return p;
  };

  return (key) => {
    let s = state.get(key);
    if (!s) state.set(key, (s = {}));
    if (!s.running) return start(key, s);
    const st = s;
    const running = s.running;
    st.next ??= running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        st.next = undefined;
        return start(key, st);
      });
    return st.next;
  };
}

/**
 * Writes items in batches: `add(item)` resolves once the item is stored. Items added while a batch
 * is being written go together into the next one.
 */
export function batchingWriter<T>(write: (items: T[]) => Promise<void>, maxBatch = 500): (item: T) => Promise<void> {
  let queue: Array<{ item: T; resolve: () => void; reject: (e: unknown) => void }> = [];
  let flushing = false;

  async function flush() {
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        try {
          await write(batch.map((b) => b.item));
          for (const b of batch) b.resolve();
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!flushing) void flush();
    });
}
