import { describe, expect, it } from 'vitest';
import { RepeatingPass } from './passes';

describe('RepeatingPass', () => {
  it('shares a run with a call made during it and makes one more pass for it', async () => {
    const passes = new RepeatingPass<number>();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let count = 0;
    const run = () =>
      passes.run(async (another) => {
        do {
          count++;
          if (count === 1) await gate;
        } while (another());
        return count;
      });

    const first = run();
    const second = run();
    const third = run();
    release();

    expect(await first).toBe(2);
    expect(await second).toBe(2);
    expect(await third).toBe(2);
    expect(await run()).toBe(3);
  });
});
