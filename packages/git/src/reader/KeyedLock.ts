interface LockState {
  readers: number;
  writing: boolean;
  queue: Array<{ exclusive: boolean; start: () => void }>;
}

/**
 * A readers-writer lock per key, in process. Reads of one repository cache run side by side; a
 * fetch or a rebuild waits for them and runs alone, so nobody reads a half-written pack.
 */
export class KeyedLock {
  private readonly states = new Map<string, LockState>();

  read<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.run(key, false, fn);
  }

  write<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.run(key, true, fn);
  }

  private async run<T>(key: string, exclusive: boolean, fn: () => Promise<T>): Promise<T> {
    let state = this.states.get(key);
    if (!state) {
      state = { readers: 0, writing: false, queue: [] };
      this.states.set(key, state);
    }
    const current = state;
    // Waiting writers go before new readers, so a steady stream of reads cannot starve a fetch.
    const free = exclusive ? !current.writing && current.readers === 0 : !current.writing && current.queue.length === 0;
    if (free) {
      this.enter(current, exclusive);
    } else {
      await new Promise<void>(resolve => current.queue.push({ exclusive, start: resolve }));
    }
    try {
      return await fn();
    } finally {
      this.leave(key, current, exclusive);
    }
  }

  private enter(state: LockState, exclusive: boolean) {
    if (exclusive) state.writing = true;
    else state.readers += 1;
  }

  private leave(key: string, state: LockState, exclusive: boolean) {
    if (exclusive) state.writing = false;
    else state.readers -= 1;
    while (state.queue.length > 0 && !state.writing) {
      const next = state.queue[0]!;
      if (next.exclusive && state.readers > 0) break;
      state.queue.shift();
      this.enter(state, next.exclusive);
      next.start();
      if (next.exclusive) break;
    }
    if (!state.writing && state.readers === 0 && state.queue.length === 0) this.states.delete(key);
  }
}
