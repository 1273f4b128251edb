/**
 * What a check can find, and so what `check-fail-on` may name. Free of imports: settings.ts reads it while
 * checking the inputs, and a validate run must not load the check's code for it.
 */
export const CHECK_FINDINGS = ['drift', 'unhealthy', 'expiring'] as const
export type CheckFinding = (typeof CHECK_FINDINGS)[number]
