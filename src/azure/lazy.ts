import type { AzurePreflight, MicrosoftPreflight, PreflightOptions } from './preflight.js'

export type { AzurePreflight }

/**
 * The preflight as the reconciler sees it, with the HTTP code behind it loaded on the first
 * write that needs it: validate and plan runs, and applies with nothing to write, never load it.
 */
export function lazyPreflight(options: PreflightOptions): AzurePreflight & { dispose(): void } {
  let loaded: Promise<MicrosoftPreflight> | undefined
  let preflight: MicrosoftPreflight | undefined
  return {
    async check(spec, details) {
      loaded ??= import('./preflight.js').then(module => (preflight = new module.MicrosoftPreflight(options)))
      return (await loaded).check(spec, details)
    },
    dispose() {
      if (!preflight) return
      const { calls, retried, throttled } = preflight.counts
      options.logger.info(
        `Microsoft API calls (Azure preflight): ${calls} made, ${retried} retried, ${throttled} throttled`
      )
      preflight.dispose()
    }
  }
}
