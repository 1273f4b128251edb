/** Issue 16: the reviewed plan's fingerprint, its hidden block in the plan comment, and what a difference does. */
import { describe, expect, it } from '@jest/globals'
import type { Outcome } from '../src/reconcile/outcome.js'
import type { Connector } from '../src/qualys/connector.js'
import { ownerKey, readReviewedPlan, reviewedPlanBlock } from '../src/reviewed-plan/comment-block.js'
import { comparePlans, planPrint, pullRequestSalt } from '../src/reviewed-plan/fingerprint.js'
import { reviewPlan, type ReviewedPlanLookup } from '../src/reviewed-plan/review.js'
import { findPlanComment } from '../src/github/pr-comment.js'

const SALT = pullRequestSalt('Octo-Org', 'cloud-config', 42)

function create(name: string, tenantName = `${name.toLowerCase()}.onmicrosoft.com`): Outcome {
  return {
    name,
    result: 'would-create',
    action: 'create',
    changes: [
      { field: 'name', from: '', to: name },
      { field: 'tenantName', from: '', to: tenantName }
    ],
    warnings: []
  }
}

function update(name: string, id: number, changes: Outcome['changes']): Outcome {
  return {
    name,
    result: 'would-update',
    action: 'update',
    changes,
    connector: { id, name } as Connector,
    warnings: []
  }
}

function unchanged(name: string): Outcome {
  return { name, result: 'unchanged', action: 'none', changes: [], warnings: [] }
}

describe('planPrint', () => {
  it('is the same for the same writes in any order, and ignores connectors without a write', () => {
    const a = planPrint([create('Alpha'), update('Beta', 7, [{ field: 'description', from: 'a', to: 'b' }])], SALT)
    const b = planPrint(
      [unchanged('Gamma'), update('Beta', 7, [{ field: 'description', from: 'a', to: 'b' }]), create('Alpha')],
      SALT
    )
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(b.fingerprint).toBe(a.fingerprint)
  })

  it('changes with any field change, action or connector, and with the pull request', () => {
    const base = planPrint([create('Alpha')], SALT).fingerprint
    expect(planPrint([create('Alpha', 'other.onmicrosoft.com')], SALT).fingerprint).not.toBe(base)
    expect(planPrint([create('Alpha'), create('Beta')], SALT).fingerprint).not.toBe(base)
    expect(planPrint([create('Alpha')], pullRequestSalt('octo-org', 'cloud-config', 43)).fingerprint).not.toBe(base)
    // GitHub's owner and repository names are case-insensitive: the salt is too.
    expect(planPrint([create('Alpha')], pullRequestSalt('octo-org', 'CLOUD-config', 42)).fingerprint).toBe(base)
  })

  it('leaves out secretValue rows (rotation, force-update) and failed connectors: not what a review decides', () => {
    const base = planPrint([create('Alpha')], SALT).fingerprint
    const rotated = update('Beta', 7, [{ field: 'secretValue', from: '', to: 'rotated' }])
    const failed: Outcome = { ...create('Gamma'), result: 'failed', error: 'no' }
    expect(planPrint([create('Alpha'), rotated, failed], SALT).fingerprint).toBe(base)
    const mixed = update('Beta', 7, [
      { field: 'secretValue', from: '', to: 'rotated' },
      { field: 'enabled', from: 'true', to: 'false' }
    ])
    expect(planPrint([mixed], SALT).writes).toEqual([
      expect.objectContaining({ key: 'id:7', action: 'update', name: 'Beta' })
    ])
    expect(planPrint([mixed], SALT).fingerprint).toBe(
      planPrint([update('Beta', 7, [{ field: 'enabled', from: 'true', to: 'false' }])], SALT).fingerprint
    )
  })
})

describe('comparePlans', () => {
  const reviewed = planPrint([create('Alpha'), update('Beta', 7, [{ field: 'description', from: 'a', to: 'b' }])], SALT)

  it('matches the same plan', () => {
    expect(
      comparePlans(
        reviewed,
        planPrint([create('Alpha'), update('Beta', 7, [{ field: 'description', from: 'a', to: 'b' }])], SALT)
      )
    ).toEqual({ matches: true, differences: [] })
  })

  it('names each connector that differs, and how', () => {
    const now = planPrint(
      [
        update('Alpha', 3, [{ field: 'tenantName', from: 'x', to: 'alpha.onmicrosoft.com' }]),
        update('Beta', 7, [{ field: 'description', from: 'a', to: 'c' }]),
        create('Delta')
      ],
      SALT
    )
    expect(comparePlans(reviewed, now).differences).toEqual([
      "'Alpha': update, where the reviewed plan had create",
      "'Beta': update with other changes than the reviewed plan showed",
      "'Delta': create, not in the reviewed plan"
    ])
    expect(comparePlans(reviewed, planPrint([create('Alpha')], SALT)).differences).toEqual([
      "'Beta': the reviewed plan had update, this run has nothing to write"
    ])
  })

  it('says when only the pull request differs, and when the reviewed plan listed no writes', () => {
    const other = planPrint([create('Alpha')], pullRequestSalt('o', 'r', 1))
    expect(comparePlans(other, planPrint([create('Alpha')], SALT)).differences).toEqual([
      'the reviewed plan was made for another pull request'
    ])
    expect(comparePlans({ fingerprint: other.fingerprint }, planPrint([create('Alpha')], SALT))).toEqual({
      matches: false,
      differences: [expect.stringContaining('too long to list its writes')]
    })
  })
})

describe('the hidden block', () => {
  it('reads back what it wrote', () => {
    const print = planPrint([create('Alpha'), create('Beta --> <b>x</b>')], SALT)
    const block = reviewedPlanBlock(print, 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678')
    expect(block).toMatch(/^<!-- qualys-reviewed-plan [A-Za-z0-9_-]+ -->$/)
    expect(readReviewedPlan(`### plan\n\n${block}\n`)).toEqual({
      fingerprint: print.fingerprint,
      commit: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
      writes: print.writes
    })
  })

  it("keeps only the fingerprint of a plan too long to list, so the comment's room is kept for the plan", () => {
    const many = Array.from({ length: 2000 }, (_, i) => create(`Tenant ${i} with a long name`))
    const block = reviewedPlanBlock(planPrint(many, SALT), undefined)
    expect(block.length).toBeLessThan(300)
    expect(readReviewedPlan(block)?.writes).toBeUndefined()
  })

  it('refuses what it did not write: another version, a bad fingerprint, malformed writes, not base64 JSON', () => {
    const encode = (value: unknown): string =>
      `<!-- qualys-reviewed-plan ${Buffer.from(JSON.stringify(value)).toString('base64url')} -->`
    const f = 'a'.repeat(64)
    expect(readReviewedPlan(encode({ v: 'v1', f }))).toEqual({ fingerprint: f })
    expect(readReviewedPlan(encode({ v: 'v2', f }))).toBeUndefined()
    expect(readReviewedPlan(encode({ v: 'v1', f: 'zz' }))).toBeUndefined()
    expect(readReviewedPlan(encode({ v: 'v1', f, c: '::error::x' }))).toEqual({ fingerprint: f })
    expect(readReviewedPlan(encode({ v: 'v1', f, w: [['id:1', 'A', 'delete', 'ab']] }))).toEqual({
      fingerprint: f,
      writes: undefined
    })
    expect(readReviewedPlan('<!-- qualys-reviewed-plan not_json -->')).toBeUndefined()
    expect(readReviewedPlan('no block here')).toBeUndefined()
  })
})

describe('findPlanComment', () => {
  const marker = '<!-- qualys-azure-tenant-connector-plan -->'
  const key = ownerKey('octo-org/cloud-config:contoso.yaml') ?? ''
  const other = ownerKey('octo-org/cloud-config:fabrikam.yaml') ?? ''
  const bot = { type: 'Bot' }

  it("finds the owner's own comment, never another owner's, and adopts one from before comments had keys", () => {
    const legacy = { id: 1, html_url: 'u1', body: `${marker}\nold`, user: bot }
    const theirs = { id: 2, html_url: 'u2', body: `${marker}\n<!-- qualys-plan-owner ${other} -->\nplan`, user: bot }
    const mine = { id: 3, html_url: 'u3', body: `${marker}\n<!-- qualys-plan-owner ${key} -->\nplan`, user: bot }
    expect(findPlanComment([legacy, theirs, mine], key)?.id).toBe(3)
    expect(findPlanComment([legacy, theirs], key)?.id).toBe(1)
    expect(findPlanComment([theirs], key)).toBeUndefined()
    expect(findPlanComment([theirs, legacy], undefined)?.id).toBe(1)
  })

  it("prefers a bot's comment over a person's that pasted the marker", () => {
    const pasted = {
      id: 1,
      html_url: 'u1',
      body: `${marker}\n<!-- qualys-plan-owner ${key} -->`,
      user: { type: 'User' }
    }
    const posted = { id: 2, html_url: 'u2', body: `${marker}\n<!-- qualys-plan-owner ${key} -->`, user: bot }
    expect(findPlanComment([pasted, posted], key)?.id).toBe(2)
  })

  it('keys owners apart, and none for no owner', () => {
    expect(key).toMatch(/^[0-9a-f]{16}$/)
    expect(other).not.toBe(key)
    expect(ownerKey(undefined)).toBeUndefined()
    expect(ownerKey('')).toBeUndefined()
  })
})

describe('reviewPlan', () => {
  const pullRequest = { number: 42 }
  const plan = planPrint([create('Alpha')], SALT)
  const found: ReviewedPlanLookup = {
    status: 'found',
    pullRequest,
    salt: SALT,
    plan: { fingerprint: plan.fingerprint, commit: 'abcdef1234', writes: plan.writes }
  }
  const replan = (outcomes: Outcome[], runProblem?: string) => () => Promise.resolve({ outcomes, runProblem })
  const lookup = (answer: ReviewedPlanLookup) => () => Promise.resolve(answer)

  it('matched, with the pull request and the commit the plan was made at', async () => {
    const verdict = await reviewPlan({ onPlanChange: 'fail', lookup: lookup(found), replan: replan([create('Alpha')]) })
    expect(verdict).toEqual({
      status: 'matched',
      line: 'Matches the plan reviewed in #42 (planned at commit abcdef1).',
      differences: []
    })
  })

  it('changed: warn warns and goes on; fail stops with what differs', async () => {
    const outcomes = [create('Alpha'), create('Beta')]
    const warn = await reviewPlan({ onPlanChange: 'warn', lookup: lookup(found), replan: replan(outcomes) })
    expect(warn).toMatchObject({ status: 'changed', differences: ["'Beta': create, not in the reviewed plan"] })
    expect(warn.stop).toBeUndefined()
    expect(warn.warning).toContain("'Beta': create, not in the reviewed plan")
    const fail = await reviewPlan({ onPlanChange: 'fail', lookup: lookup(found), replan: replan(outcomes) })
    expect(fail.stop).toContain('on-plan-change is fail, so nothing was written')
  })

  it('none: fail stops a push without a reviewed plan, but not a manual or scheduled run', async () => {
    const direct = lookup({
      status: 'none',
      reason: 'pushed directly: commit 3333333 is not the merge of a pull request'
    })
    const manual = lookup({ status: 'none', reason: 'the run is a workflow_dispatch event', notAPush: true })
    const never = (): Promise<never> => Promise.reject(new Error('no re-plan without a reviewed plan'))
    expect((await reviewPlan({ onPlanChange: 'fail', lookup: direct, replan: never })).stop).toContain(
      'pushed directly'
    )
    const scheduled = await reviewPlan({ onPlanChange: 'fail', lookup: manual, replan: never })
    expect(scheduled).toEqual({
      status: 'none',
      line: 'No reviewed plan found (the run is a workflow_dispatch event).',
      differences: []
    })
    expect((await reviewPlan({ onPlanChange: 'warn', lookup: direct, replan: never })).stop).toBeUndefined()
  })

  it('a failed lookup warns with warn and stops with fail; ignore looks for nothing', async () => {
    const failed = lookup({ status: 'failed', problem: 'GitHub answered 403' })
    const never = (): Promise<never> => Promise.reject(new Error('not called'))
    const warn = await reviewPlan({ onPlanChange: 'warn', lookup: failed, replan: never })
    expect(warn).toMatchObject({ status: 'none', warning: expect.stringContaining('applying without the comparison') })
    const fail = await reviewPlan({ onPlanChange: 'fail', lookup: failed, replan: never })
    expect(fail.stop).toContain('GitHub answered 403')
    const ignore = await reviewPlan({
      onPlanChange: 'ignore',
      lookup: () => Promise.reject(new Error('not called')),
      replan: never
    })
    expect(ignore).toEqual({ status: 'ignored', differences: [] })
  })

  it('a re-plan stopped by a problem of the whole run compares nothing: the apply reports that problem', async () => {
    const verdict = await reviewPlan({
      onPlanChange: 'fail',
      lookup: lookup(found),
      replan: replan([], 'login failed')
    })
    expect(verdict.status).toBe('none')
    expect(verdict.stop).toBeUndefined()
    const deferredReplan = () =>
      Promise.resolve({ outcomes: [create('Alpha')], deferral: "Qualys' API budget is used up" })
    const partial = await reviewPlan({ onPlanChange: 'fail', lookup: lookup(found), replan: deferredReplan })
    expect(partial).toMatchObject({ status: 'none', line: expect.stringContaining('budget is used up') })
  })
})
