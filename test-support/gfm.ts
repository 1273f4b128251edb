/**
 * Markdown rendered the way GitHub renders it, near enough to test what is live: markdown-it with
 * GFM tables, raw HTML let through and bare URLs (`https://…`, `www.…`) turned into links, as
 * GitHub's autolink extension does. Mentions and `#12` references are GitHub's own: outside code
 * they are live, so a test looks for them in the text outside code (outsideCode).
 */
import MarkdownIt from 'markdown-it'

const renderer = new MarkdownIt({ html: true, linkify: true })
// GitHub links `www.` and `https://` whatever the top-level domain; linkify-it needs a known one without this.
renderer.linkify.set({ fuzzyLink: true, fuzzyEmail: true })
renderer.linkify.tlds('example', true)

export function renderGfm(markdown: string): string {
  return renderer.render(markdown)
}

/** The rendered HTML with every code element's content taken out: what GitHub would still read for mentions and references. */
export function outsideCode(html: string): string {
  return html.replace(/(<code[^>]*>)[^<]*<\/code>/g, '$1</code>')
}

/** The text of each code element, entities decoded: what a reader sees as the value. */
export function codeTexts(html: string): string[] {
  return [...html.matchAll(/<code[^>]*>([^<]*)<\/code>/g)].map(match =>
    match[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
  )
}
