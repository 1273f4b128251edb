/** The connectorAppInfos field: which Qualys apps a connector turns on, each with an optional tag. */
import type { SourceLocation } from '../problems.js'
import { isRecord } from '../values.js'
import { item, readGuid, readInteger, shorten, typeName, type Checker, type Parsed } from './fields.js'
import { APP_NAMES, type AppInfo, type AppName } from './model.js'
import type { RawEntry } from './raw.js'

/** A list of apps (or the inline input's comma-separated text); Qualys' always-on apps are added. */
export function readApps(entry: RawEntry, value: unknown, check: Checker): Parsed<AppInfo[]> {
  const list =
    typeof value === 'string'
      ? value
          .split(/[,\n]/)
          .map(s => s.trim())
          .filter(Boolean)
      : value
  if (!Array.isArray(list))
    return check.fail(entry, `expected a list of apps (${APP_NAMES.join(', ')}), got ${typeName(value)}`)
  if (list.length === 0) return check.fail(entry, `must name at least one app (${APP_NAMES.join(', ')})`)
  const apps: AppInfo[] = []
  let ok = true
  const seen = new Set<string>()
  list.forEach((element, index) => {
    const app = readApp(entry, element, index, check)
    if (!app.ok) return (ok = false)
    if (seen.has(app.value.name)) {
      ok = false
      return check.fail(entry, `app ${app.value.name} is listed twice`, item(entry, index))
    }
    seen.add(app.value.name)
    apps.push(app.value)
  })
  if (ok) addAlwaysOnApps(entry, apps, check)
  return ok ? { ok: true, value: apps } : { ok: false }
}

/** Qualys keeps some apps on for every connector: a spec without them would show a diff on every run. */
function addAlwaysOnApps(entry: RawEntry, apps: AppInfo[], check: Checker): void {
  for (const name of check.ctx.alwaysOnApps) {
    if (apps.some(app => app.name === name)) continue
    apps.unshift({ name, tagId: null })
    check.notice(
      entry,
      `${name} is added: Qualys keeps ${name} (Asset Inventory) on for every connector, it cannot be disabled`
    )
  }
}

function readApp(entry: RawEntry, element: unknown, index: number, check: Checker): Parsed<AppInfo> {
  const at = item(entry, index)
  if (typeof element === 'string') {
    // `CI:123` gives the app a tag id (the inline `apps` input form).
    const [name, tag, ...rest] = element.split(':').map(s => s.trim())
    const appName = readAppName(entry, name, at, check)
    if (!appName.ok) return appName
    if (rest.length > 0 || tag === '') return check.fail(entry, `'${shorten(element)}' is not NAME or NAME:TAG_ID`, at)
    if (tag === undefined) return { ok: true, value: { name: appName.value, tagId: null } }
    const tagId = readInteger(entry, /^\d+$/.test(tag) ? Number(tag) : tag, `tag id of ${appName.value}`, check, at)
    return tagId.ok ? { ok: true, value: { name: appName.value, tagId: tagId.value } } : tagId
  }
  if (!isRecord(element))
    return check.fail(entry, `expected an app name or {name, identifier, tagId}, got ${typeName(element)}`, at)
  const record = element
  const unknownKeys = Object.keys(record).filter(key => !['name', 'identifier', 'tagId', 'tagMetadata'].includes(key))
  if (unknownKeys.length > 0)
    return check.fail(entry, `unknown key '${unknownKeys[0]}' in app (expected name, identifier, tagId)`, at)
  const appName = readAppName(entry, record.name, at, check)
  const identifier =
    record.identifier === undefined || record.identifier === null
      ? { ok: true as const, value: undefined }
      : readGuid(entry, record.identifier, check, { path: `${at.path}.identifier`, location: at.location })
  const tagId =
    record.tagId === undefined || record.tagId === null
      ? { ok: true as const, value: null }
      : readInteger(entry, record.tagId, 'tagId', check, at)
  if (!appName.ok || !identifier.ok || !tagId.ok) return { ok: false }
  const app: AppInfo = { name: appName.value, tagId: tagId.value }
  if (identifier.value !== undefined) app.identifier = identifier.value
  return { ok: true, value: app }
}

function readAppName(
  entry: RawEntry,
  name: unknown,
  at: { path: string; location?: SourceLocation },
  check: Checker
): Parsed<AppName> {
  const upper = typeof name === 'string' ? name.trim().toUpperCase() : undefined
  if (upper && (APP_NAMES as readonly string[]).includes(upper)) return { ok: true, value: upper as AppName }
  const shown = typeof name === 'string' ? `'${shorten(name)}'` : typeName(name)
  return check.fail(entry, `unknown app ${shown}; expected one of ${APP_NAMES.join(', ')}`, at)
}
