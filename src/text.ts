/** "1 connector", "2 connectors": the one pluralisation the messages need. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
