import { describe, expect, it } from '@jest/globals'
import { mapWithLimit } from '../src/concurrency.js'

describe('mapWithLimit', () => {
  it('keeps the items’ order and never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    const results = await mapWithLimit([30, 10, 20, 0], 2, async (ms, index) => {
      most = Math.max(most, ++running)
      await new Promise(resolve => setTimeout(resolve, ms))
      running--
      return index
    })
    expect(results).toEqual([0, 1, 2, 3])
    expect(most).toBe(2)
  })

  it('runs one at a time when the limit is below one, and returns nothing for no items', async () => {
    expect(await mapWithLimit([1, 2], 0, item => Promise.resolve(item * 2))).toEqual([2, 4])
    expect(await mapWithLimit([], 4, () => Promise.resolve(1))).toEqual([])
  })
})
