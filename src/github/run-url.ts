/** The run's page (where its job summary is), from the runner's variables; undefined if they look wrong. */
export function jobSummaryUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env
  if (!server || !repository || !runId) return undefined
  if (!/^https?:\/\/[\w.:-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repository) || !/^\d+$/.test(runId))
    return undefined
  return `${server}/${repository}/actions/runs/${runId}`
}
