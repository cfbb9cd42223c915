import { Parser } from 'htmlparser2';

/** Elements whose content is never article text. */
const SKIP = new Set([
  'title',
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'svg',
  'iframe',
  'select',
  'head',
]);
/** Elements that end a paragraph. */
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'table',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
  'dl',
  'dt',
  'dd',
]);

/**
 * The readable text of an HTML page: no scripts, styles, navigation, headers
 * or footers; paragraphs separated by blank lines; entities decoded. The
 * title is the page's <title>, else its first <h1>.
 */
export function htmlToText(html: string): { title: string | null; text: string } {
  const paragraphs: string[] = [];
  let current = '';
  let skipDepth = 0;
  let title: string | null = null;
  let inTitle = false;
  let h1: string | null = null;
  let inH1 = false;
  const flush = () => {
    const clean = current.replace(/[ \t\r\n\f]+/g, ' ').trim();
    if (clean) paragraphs.push(clean);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipDepth++;
        if (name === 'title') inTitle = true;
        if (name === 'h1' && h1 === null) inH1 = true;
        if (BLOCK.has(name)) flush();
        if (name === 'br') current += '\n';
      },
      ontext(text) {
        if (inTitle) title = (title ?? '') + text;
        if (skipDepth > 0) return;
        if (inH1) h1 = (h1 ?? '') + text;
        current += text;
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (name === 'title') inTitle = false;
        if (name === 'h1') inH1 = false;
        if (BLOCK.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  const pick = (value: string | null) => (value && value.trim() ? value.replace(/\s+/g, ' ').trim() : null);
  return { title: pick(title) ?? pick(h1), text: paragraphs.join('\n\n') };
}
