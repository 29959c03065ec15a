/** A bounded pool: at most `size` jobs at once, the rest wait their turn in order. */
export class Pool {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly active = new Set<Promise<unknown>>();

  constructor(private readonly size: number) {}

  run<T>(job: () => Promise<T>): Promise<T> {
    const p = this.acquire().then(async () => {
      try {
        return await job();
      } finally {
        this.running--;
        this.waiting.shift()?.();
      }
    });
    this.active.add(p);
    void p.finally(() => this.active.delete(p)).catch(() => {});
    return p;
  }

  /** Resolves when every job started or queued so far has settled. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  private acquire(): Promise<void> {
    if (this.running < this.size) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.running++;
        resolve();
      }),
    );
  }
}
