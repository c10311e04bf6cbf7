import { describe, expect, it } from 'vitest';
import { fewSeatsLimit, isFewSeats } from '../../../main/domain/few-seats.ts';

describe('few seats left', () => {
  it.each([
    // seats, capacity, percent, floor, few
    [20, 400, 0, 20, true],
    [21, 400, 0, 20, false],
    [0, 400, 0, 20, false],
    [40, 400, 10, 20, true],
    [41, 400, 10, 20, false],
    [20, 40, 10, 20, true],
    [3, 30, 10, 0, true],
    [4, 30, 10, 0, false],
    [1, 7, 10, 0, true],
    [2, 7, 10, 0, false],
    [1, 100, 0, 0, false],
  ])('%i of %i seats with percent %i and floor %i: few is %s', (seats, capacity, percent, floor, few) => {
    expect(isFewSeats(seats, capacity, { percent, floor })).toBe(few);
  });

  it('is max(floor, ceil(percent % of capacity))', () => {
    expect(fewSeatsLimit(420, { percent: 10, floor: 20 })).toBe(42);
    expect(fewSeatsLimit(40, { percent: 10, floor: 20 })).toBe(20);
    expect(fewSeatsLimit(30, { percent: 10, floor: 0 })).toBe(3);
    expect(fewSeatsLimit(33, { percent: 12.5, floor: 0 })).toBe(5);
  });
});
