import { describe, expect, it } from 'vitest';
import { RepeatingPass, sendEachInPasses } from './passes';

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

describe('sendEachInPasses', () => {
  const failOn =
    (bad: string, sent: string[]) =>
    async (item: string): Promise<void> => {
      if (item === bad) throw new Error(`${item} failed`);
      sent.push(item);
    };

  it('stops at a failed send when told the connection is gone, and goes on past it otherwise', async () => {
    const waiting = async () => ['a', 'b', 'c'];

    const stopped: string[] = [];
    expect(await sendEachInPasses(new RepeatingPass<number>(), waiting, failOn('b', stopped), () => false)).toBe(1);
    expect(stopped).toEqual(['a']);

    const onward: string[] = [];
    expect(await sendEachInPasses(new RepeatingPass<number>(), waiting, failOn('b', onward), () => true)).toBe(2);
    expect(onward).toEqual(['a', 'c']);
  });

  it('sends what was queued during a run in one more pass of that run', async () => {
    const passes = new RepeatingPass<number>();
    const queue = ['a'];
    const sent: string[] = [];
    const send = async (item: string) => {
      queue.splice(queue.indexOf(item), 1);
      sent.push(item);
      if (item === 'a') {
        queue.push('b');
        void sendEachInPasses(
          passes,
          async () => [...queue],
          send,
          () => false,
        );
      }
    };

    expect(
      await sendEachInPasses(
        passes,
        async () => [...queue],
        send,
        () => false,
      ),
    ).toBe(2);
    expect(sent).toEqual(['a', 'b']);
  });
});
