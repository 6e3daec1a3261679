import { expect, test } from 'vitest';
import { TaskWindow } from './task-window.js';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

test('never more tasks in flight than the limit, and drain waits for all of them', async () => {
  const window = new TaskWindow(3);
  let inFlight = 0;
  let most = 0;
  let done = 0;
  for (let i = 0; i < 20; i++) {
    await window.add(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
      done++;
    });
  }
  await window.drain();
  expect(most).toBe(3);
  expect(done).toBe(20);
});

test('tasks under one key run one after another, in the order added', async () => {
  const window = new TaskWindow(8);
  const order: string[] = [];
  for (const name of ['a', 'b', 'c']) {
    await window.add(async () => {
      order.push(`${name} start`);
      await tick();
      order.push(`${name} end`);
    }, 'same file');
  }
  await window.drain();
  expect(order).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
});

test('the first failure is thrown by drain after the other tasks settle, and by the next add', async () => {
  const window = new TaskWindow(2);
  let finished = 0;
  await window.add(async () => {
    await tick();
    throw new Error('disk full');
  });
  await window.add(async () => {
    await tick();
    await tick();
    finished++;
  });
  await expect(window.drain()).rejects.toThrow('disk full');
  expect(finished).toBe(1);
  await expect(window.add(async () => {})).rejects.toThrow('disk full');
  expect(() => new TaskWindow(0)).toThrow(RangeError);
});
