import { describe, expect, it } from '@jest/globals'
import { mapWithLimit } from '../src/concurrency.js'

describe('mapWithLimit', () => {
  it('keeps the items’ order and never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    // Each item ends when the test says, in an order other than the items': no timers.
    const ends = new Map<number, () => void>()
    const results = mapWithLimit([0, 1, 2, 3], 2, async index => {
      most = Math.max(most, ++running)
      await new Promise<void>(resolve => ends.set(index, resolve))
      running--
      return index
    })
    const end = async (index: number): Promise<void> => {
      ends.get(index)?.()
      for (let i = 0; i < 3; i++) await new Promise(resolve => setImmediate(resolve))
    }
    await new Promise(resolve => setImmediate(resolve))
    expect([...ends.keys()]).toEqual([0, 1])
    await end(1) // the second ends first: its slot goes to the third
    expect([...ends.keys()]).toEqual([0, 1, 2])
    await end(2)
    expect([...ends.keys()]).toEqual([0, 1, 2, 3])
    await end(3)
    await end(0) // the first ends last
    expect(await results).toEqual([0, 1, 2, 3])
    expect(most).toBe(2)
  })

  it('runs one at a time when the limit is below one, and returns nothing for no items', async () => {
    expect(await mapWithLimit([1, 2], 0, item => Promise.resolve(item * 2))).toEqual([2, 4])
    expect(await mapWithLimit([], 4, () => Promise.resolve(1))).toEqual([])
  })
})
